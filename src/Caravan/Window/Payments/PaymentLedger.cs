using System.Data.Common;
using Caravan.Common;
using Caravan.Documents.Common;
using Caravan.Storage;
using Dapper;

namespace Caravan.Window.Payments;

/// <summary>
/// Records the settlements providers report (already verified by <see cref="PaymentProviderTrust"/>) and reconciles
/// them with the orders. A provider transaction is recorded once: a retry with the same content gets the first
/// settlement back, the same id with other content is a conflict. Partial payments add up; the payment that brings an
/// order's paid amount to its amount marks it paid and calls the <see cref="IPaymentSettledHandler"/>s of its purpose,
/// once, in the same transaction. Money for an unknown order or in another currency is kept as unmatched, never lost.
/// </summary>
public sealed class PaymentLedger(IEnumerable<IPaymentSettledHandler> handlers, TimeProvider time)
{
    private readonly IReadOnlyList<IPaymentSettledHandler> _handlers = [.. handlers];

    private const string SettlementColumns =
        "provider as Provider, provider_transaction_id as ProviderTransactionId, claimed_order_id as ClaimedOrderId, order_id as OrderId, amount as Amount, " +
        "currency as Currency, paid_at_ms as PaidAtMs, received_at_ms as ReceivedAtMs, outcome as Outcome";

    public async Task<Result<Settlement>> ApplyAsync(string provider, PaymentCallback callback, string body, string signature, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(unit);
        // The order row is locked first, so that concurrent callbacks for one order are applied one after the other.
        var row = await unit.Connection.QuerySingleOrDefaultAsync<PaymentOrderStore.Row>(new CommandDefinition(
            $"select {PaymentOrderStore.Columns} from payment_orders where id = @id{unit.Dialect.ForUpdate}",
            new { id = callback.OrderId }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var recorded = await unit.Connection.QuerySingleOrDefaultAsync<SettlementRow>(new CommandDefinition(
            $"select {SettlementColumns} from payment_settlements where provider = @provider and provider_transaction_id = @id",
            new { provider, id = callback.ProviderTransactionId }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (recorded is not null)
        {
            var first = recorded.ToSettlement();
            return first.ClaimedOrderId == callback.OrderId && first.Amount == callback.Amount
                ? first
                : Failure.Conflict("payment_callback.transaction_reused",
                    $"{provider} transaction {callback.ProviderTransactionId} was already reported as {first.Amount} for {first.ClaimedOrderId}; a transaction id is reported with one content.");
        }
        var order = row?.ToOrder();
        var outcome = order is null ? SettlementOutcome.Unmatched
            : order.Amount.Currency != callback.Amount.Currency ? SettlementOutcome.CurrencyMismatch
            : SettlementOutcome.Applied;
        var now = DateTimeOffset.FromUnixTimeMilliseconds(time.GetUtcNow().ToUnixTimeMilliseconds());
        var paidAt = DateTimeOffset.FromUnixTimeMilliseconds(callback.PaidAt.ToUnixTimeMilliseconds());
        var settlement = new Settlement(provider, callback.ProviderTransactionId, callback.OrderId, outcome == SettlementOutcome.Applied ? order!.Id : null,
            callback.Amount, paidAt, now, outcome);
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into payment_settlements (provider, provider_transaction_id, claimed_order_id, order_id, amount, currency, paid_at_ms, received_at_ms, outcome, body, signature)
            values (@provider, @transactionId, @claimed, @orderId, @amount, @currency, @paidAt, @now, @outcome, @body, @signature)
            """,
            new
            {
                provider,
                transactionId = settlement.ProviderTransactionId,
                claimed = settlement.ClaimedOrderId,
                orderId = settlement.OrderId,
                amount = PaymentOrderStore.Format(settlement.Amount.Amount),
                currency = settlement.Amount.Currency.Value,
                paidAt = paidAt.ToUnixTimeMilliseconds(),
                now = now.ToUnixTimeMilliseconds(),
                outcome = OutcomeName(outcome),
                body,
                signature,
            }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (outcome != SettlementOutcome.Applied)
        {
            return settlement;
        }
        var paid = new Money(order!.Paid.Amount + callback.Amount.Amount, order.Amount.Currency);
        var settles = order.Status == PaymentOrderStatus.Open && paid.Amount >= order.Amount.Amount;
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            settles
                ? "update payment_orders set paid = @paid, status = 'paid', paid_at_ms = @now where id = @id"
                : "update payment_orders set paid = @paid where id = @id",
            new { paid = PaymentOrderStore.Format(paid.Amount), now = now.ToUnixTimeMilliseconds(), id = order.Id }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (settles)
        {
            var settled = order with { Paid = paid, Status = PaymentOrderStatus.Paid, PaidAt = now };
            foreach (var handler in _handlers.Where(h => h.Purpose == order.Purpose))
            {
                await handler.OnSettledAsync(settled, unit, cancellationToken).ConfigureAwait(false);
            }
        }
        return settlement;
    }

    /// <summary>The settlements applied to one order, oldest first.</summary>
    public static async Task<IReadOnlyList<Settlement>> ListForOrderAsync(string orderId, DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<SettlementRow>(new CommandDefinition(
            $"select {SettlementColumns} from payment_settlements where order_id = @orderId order by received_at_ms, provider_transaction_id",
            new { orderId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToSettlement()).ToList();
    }

    /// <summary>
    /// The reconciliation of the orders made from <paramref name="from"/> to <paramref name="to"/> (UTC days, both
    /// included, either open-ended) and the unmatched payments received in that period.
    /// </summary>
    public static async Task<Result<ReconciliationReport>> ReconcileAsync(DateOnly? from, DateOnly? to, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        if (from is { } f && to is { } t && t < f)
        {
            return Failure.Validation("reconciliation.period", "The period ends before it starts.", [new FieldError("to", "period.reversed", "to is on or after from.")]);
        }
        var start = from is { } s ? new DateTimeOffset(s.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds() : long.MinValue;
        var end = to is { } e ? new DateTimeOffset(e.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero).ToUnixTimeMilliseconds() : long.MaxValue;
        var orders = (await connection.QueryAsync<PaymentOrderStore.Row>(new CommandDefinition(
            $"select {PaymentOrderStore.Columns} from payment_orders where created_at_ms >= @start and created_at_ms < @end order by created_at_ms, id",
            new { start, end }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).Select(r => r.ToOrder()).ToList();
        var counts = (await connection.QueryAsync<(string OrderId, long Count)>(new CommandDefinition(
            """
            select s.order_id, count(*) from payment_settlements s join payment_orders o on o.id = s.order_id
            where o.created_at_ms >= @start and o.created_at_ms < @end group by s.order_id
            """,
            new { start, end }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToDictionary(c => c.OrderId, c => (int)c.Count, StringComparer.Ordinal);
        var unmatched = (await connection.QueryAsync<SettlementRow>(new CommandDefinition(
            $"select {SettlementColumns} from payment_settlements where order_id is null and received_at_ms >= @start and received_at_ms < @end order by received_at_ms, provider_transaction_id",
            new { start, end }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).Select(r => r.ToSettlement()).ToList();

        var lines = orders.Select(o => new ReconciliationReport.Line(o.Id, o.PayerPartyId, o.Purpose, o.Reference, o.Amount, o.Paid, o.Balance, StatusOf(o),
            counts.GetValueOrDefault(o.Id))).ToList();
        var currencies = lines.Select(l => l.Due.Currency).Concat(unmatched.Select(u => u.Amount.Currency)).Distinct().OrderBy(c => c.Value, StringComparer.Ordinal);
        var totals = currencies.Select(currency =>
        {
            var mine = lines.Where(l => l.Due.Currency == currency).ToList();
            Money Sum(IEnumerable<decimal> amounts) => new(amounts.Sum() + 0.00m, currency);
            return new ReconciliationReport.Total(currency,
                Sum(mine.Select(l => l.Due.Amount)),
                Sum(mine.Select(l => l.Paid.Amount)),
                Sum(mine.Select(l => Math.Max(l.Balance.Amount, 0))),
                Sum(mine.Select(l => Math.Max(-l.Balance.Amount, 0))),
                Sum(unmatched.Where(u => u.Amount.Currency == currency).Select(u => u.Amount.Amount)),
                mine.Count(l => l.Status == ReconciliationStatus.Unpaid),
                mine.Count(l => l.Status == ReconciliationStatus.PartiallyPaid),
                mine.Count(l => l.Status == ReconciliationStatus.Paid),
                mine.Count(l => l.Status == ReconciliationStatus.OverPaid));
        }).ToList();
        return new ReconciliationReport(from, to, lines, totals, unmatched);
    }

    /// <summary>How an order's paid amount compares with its amount.</summary>
    public static ReconciliationStatus StatusOf(PaymentOrder order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return order.Paid.Amount == 0 ? ReconciliationStatus.Unpaid
            : order.Paid.Amount < order.Amount.Amount ? ReconciliationStatus.PartiallyPaid
            : order.Paid.Amount == order.Amount.Amount ? ReconciliationStatus.Paid
            : ReconciliationStatus.OverPaid;
    }

    private static string OutcomeName(SettlementOutcome outcome) => outcome switch
    {
        SettlementOutcome.Applied => "applied",
        SettlementOutcome.Unmatched => "unmatched",
        SettlementOutcome.CurrencyMismatch => "currency_mismatch",
        _ => throw new ArgumentOutOfRangeException(nameof(outcome), outcome, null),
    };

    private sealed class SettlementRow
    {
        public string Provider { get; set; } = "";
        public string ProviderTransactionId { get; set; } = "";
        public string ClaimedOrderId { get; set; } = "";
        public string? OrderId { get; set; }
        public string Amount { get; set; } = "";
        public string Currency { get; set; } = "";
        public long PaidAtMs { get; set; }
        public long ReceivedAtMs { get; set; }
        public string Outcome { get; set; } = "";

        public Settlement ToSettlement() => new(Provider, ProviderTransactionId, ClaimedOrderId, OrderId,
            new Money(PaymentOrderStore.Parse(Amount), CurrencyCode.Of(Currency)),
            DateTimeOffset.FromUnixTimeMilliseconds(PaidAtMs), DateTimeOffset.FromUnixTimeMilliseconds(ReceivedAtMs),
            Outcome switch
            {
                "applied" => SettlementOutcome.Applied,
                "unmatched" => SettlementOutcome.Unmatched,
                "currency_mismatch" => SettlementOutcome.CurrencyMismatch,
                _ => throw new InvalidOperationException($"Settlement {Provider} {ProviderTransactionId} has an unknown stored outcome '{Outcome}'."),
            });
    }
}
