using System.Data.Common;
using System.Globalization;
using System.Text.RegularExpressions;
using Caravan.Common;
using Caravan.Documents.Common;
using Caravan.Storage;
using Dapper;

namespace Caravan.Window.Payments;

/// <summary>
/// Payment orders: made by customs or another module (inside its own transaction) for a payer, numbered
/// <c>PO-{country}-{000001}</c>. There is at most one open order per purpose and reference: asking again for the same
/// payer and amount returns the open order (so a retried caller gets the same one), asking with another payer or amount
/// is a conflict. Orders change only through <see cref="PaymentLedger"/> (settlements) and <see cref="RecordCheckoutAsync"/>.
/// </summary>
public sealed partial class PaymentOrderStore(NodeContext node, TimeProvider time)
{
    public const string SequenceName = "payment_order";

    internal const string Columns =
        "id as Id, payer_party_id as PayerPartyId, purpose as Purpose, reference as Reference, amount as Amount, currency as Currency, paid as Paid, " +
        "status as Status, created_at_ms as CreatedAtMs, paid_at_ms as PaidAtMs, provider as Provider, provider_reference as ProviderReference";

    public async Task<Result<PaymentOrder>> CreateAsync(UnitOfWork unit, string payerPartyId, string purpose, string reference, Money amount, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(payerPartyId))
        {
            errors.Add(new FieldError("payerPartyId", "required", "payerPartyId names the party that pays."));
        }
        if (string.IsNullOrEmpty(purpose) || !PurposePattern().IsMatch(purpose))
        {
            errors.Add(new FieldError("purpose", "payment_order.purpose", "purpose is 1-64 lower-case letters, digits, '.', '_' or '-', starting with a letter (e.g. consignment-duty)."));
        }
        if (string.IsNullOrWhiteSpace(reference) || reference.Length > 200 || reference.Any(char.IsControl))
        {
            errors.Add(new FieldError("reference", "payment_order.reference", "reference is 1-200 printable characters (e.g. the consignment id)."));
        }
        if (AmountProblem(amount.Amount) is { } problem)
        {
            errors.Add(new FieldError("amount.amount", "payment_order.amount", problem));
        }
        if (string.IsNullOrEmpty(amount.Currency.Value))
        {
            errors.Add(new FieldError("amount.currency", "currency_code.format", "amount.currency is an ISO 4217 code."));
        }
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }
        var payerExists = await unit.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from parties where id = @payerPartyId", new { payerPartyId }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (payerExists == 0)
        {
            return Failure.Validation("payment_order.payer_unknown", $"Party {payerPartyId} is not registered on this node.",
                [new FieldError("payerPartyId", "party.unknown", $"Party {payerPartyId} is not registered on this node.")]);
        }
        var open = await unit.Connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"select {Columns} from payment_orders where purpose = @purpose and reference = @reference and status = 'open'{unit.Dialect.ForUpdate}",
            new { purpose, reference }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (open is not null)
        {
            var existing = open.ToOrder();
            return existing.PayerPartyId == payerPartyId && existing.Amount.Amount == amount.Amount && existing.Amount.Currency == amount.Currency
                ? existing
                : Failure.Conflict("payment_order.open_exists",
                    $"Order {existing.Id} for {purpose} {reference} is still open ({existing.Amount} payable by {existing.PayerPartyId}); one open order per purpose and reference.");
        }
        var sequence = await NumberSequence.NextAsync(unit, SequenceName, cancellationToken).ConfigureAwait(false);
        var id = string.Create(CultureInfo.InvariantCulture, $"PO-{node.CountryCode}-{sequence:D6}");
        var now = time.GetUtcNow();
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into payment_orders (id, payer_party_id, purpose, reference, amount, currency, paid, status, created_at_ms)
            values (@id, @payerPartyId, @purpose, @reference, @amount, @currency, '0.00', 'open', @now)
            """,
            new { id, payerPartyId, purpose, reference, amount = Format(amount.Amount), currency = amount.Currency.Value, now = now.ToUnixTimeMilliseconds() },
            unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new PaymentOrder(id, payerPartyId, purpose, reference, new Money(Normalise(amount.Amount), amount.Currency), new Money(0.00m, amount.Currency),
            PaymentOrderStatus.Open, DateTimeOffset.FromUnixTimeMilliseconds(now.ToUnixTimeMilliseconds()), null, null, null);
    }

    public static async Task<PaymentOrder?> FindAsync(string id, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(
            $"select {Columns} from payment_orders where id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToOrder();
    }

    /// <summary>The orders of one payer, or every order when <paramref name="payerPartyId"/> is null; newest first.</summary>
    public static async Task<IReadOnlyList<PaymentOrder>> ListAsync(string? payerPartyId, DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            $"select {Columns} from payment_orders{(payerPartyId is null ? "" : " where payer_party_id = @payerPartyId")} order by created_at_ms desc, id desc",
            new { payerPartyId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToOrder()).ToList();
    }

    /// <summary>Notes on the order which provider a checkout was started with (the latest one wins).</summary>
    public static async Task RecordCheckoutAsync(ProviderCheckout checkout, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(checkout);
        ArgumentNullException.ThrowIfNull(unit);
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            "update payment_orders set provider = @provider, provider_reference = @reference where id = @id",
            new { provider = checkout.Provider, reference = checkout.ProviderReference, id = checkout.OrderId }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Why an amount cannot be paid or charged (not positive, more than two decimals, too large), or null.</summary>
    public static string? AmountProblem(decimal amount) =>
        amount <= 0 ? "The amount is positive."
        : decimal.Round(amount, 2) != amount ? "The amount has at most two decimals."
        : amount >= 1_000_000_000_000m ? "The amount is below 10^12."
        : null;

    /// <summary>The stored form of an amount: invariant, exactly two decimals.</summary>
    internal static string Format(decimal amount) => Normalise(amount).ToString("0.00", CultureInfo.InvariantCulture);

    internal static decimal Parse(string text) => Normalise(decimal.Parse(text, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture));

    internal static decimal Normalise(decimal amount) => decimal.Round(amount, 2) + 0.00m;

    [GeneratedRegex("^[a-z][a-z0-9._-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex PurposePattern();

    internal sealed class Row
    {
        public string Id { get; set; } = "";
        public string PayerPartyId { get; set; } = "";
        public string Purpose { get; set; } = "";
        public string Reference { get; set; } = "";
        public string Amount { get; set; } = "";
        public string Currency { get; set; } = "";
        public string Paid { get; set; } = "";
        public string Status { get; set; } = "";
        public long CreatedAtMs { get; set; }
        public long? PaidAtMs { get; set; }
        public string? Provider { get; set; }
        public string? ProviderReference { get; set; }

        public PaymentOrder ToOrder()
        {
            var currency = CurrencyCode.Of(Currency);
            var status = Status switch
            {
                "open" => PaymentOrderStatus.Open,
                "paid" => PaymentOrderStatus.Paid,
                _ => throw new InvalidOperationException($"Payment order {Id} has an unknown stored status '{Status}'."),
            };
            return new PaymentOrder(Id, PayerPartyId, Purpose, Reference, new Money(PaymentOrderStore.Parse(Amount), currency), new Money(PaymentOrderStore.Parse(Paid), currency),
                status, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs), PaidAtMs is { } paid ? DateTimeOffset.FromUnixTimeMilliseconds(paid) : null, Provider, ProviderReference);
        }
    }
}
