using System.Data.Common;
using System.Globalization;
using System.Text.Json;
using Caravan.Common;
using Caravan.Parties;
using Caravan.Storage;
using Caravan.Window.Consignments;
using Dapper;

namespace Caravan.Window.Parcels;

/// <summary>
/// The consolidated declaration of a liable party (platform, carrier or postal operator) for a month: every parcel it
/// is liable for that was released, sold in that month or earlier and not yet declared (a parcel released late joins
/// the next declaration), with the charges per collection model, less the refunds recorded since the last declaration.
/// A month is declared once, after it ended; declaring it again, or an earlier month, is a conflict. The amount due is
/// paid against a payment order; once paid, the declared charges leave the guarantee's liability.
/// </summary>
public sealed class ParcelDeclarations(NodeContext node, TimeProvider time)
{
    public sealed record LodgeRequest(string Period);

    public sealed record Line(string Collection, string CollectAt, int Parcels, decimal Value, decimal Duty, decimal Excise, decimal Tax, decimal Charge);

    public sealed record Declaration(string Id, string PartyId, string Period, DateTimeOffset LodgedAt, int Parcels, decimal Value, decimal Charges,
        decimal Refunds, decimal Total, string Currency, IReadOnlyList<Line> Lines, string Status, string? PaymentOrderId, DateTimeOffset? PaidAt);

    /// <summary>Lodges the declaration; <paramref name="onLodged"/> runs in the same transaction (e.g. to raise its payment order) and returns the order id.</summary>
    public async Task<Result<Declaration>> LodgeAsync(Actor actor, LodgeRequest request, UnitOfWork unit, Func<Declaration, UnitOfWork, CancellationToken, Task<Result<string>>>? onLodged, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(unit);
        if (request?.Period is not { } period || !DateOnly.TryParseExact(period + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var start))
        {
            return Failure.Validation([new FieldError("period", "period.format", "The period is a month, yyyy-MM.")]);
        }
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var end = start.AddMonths(1).AddDays(-1);
        if (end >= today)
        {
            return Failure.Conflict("period.open", $"Period {period} ends on {end:yyyy-MM-dd}; it is declared once it has ended.");
        }
        var party = actor.PartyId;
        var lastDeclared = await unit.Connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select max(period) from parcel_declarations where party_id = @party", new { party }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (lastDeclared is not null && string.CompareOrdinal(period, lastDeclared) <= 0)
        {
            return Failure.Conflict("period.closed", $"Period {period} is closed: {party} has declared up to {lastDeclared}.");
        }
        var id = $"{node.CountryCode}-CD{await NumberSequence.NextAsync(unit, "parcel-declaration", cancellationToken).ConfigureAwait(false)}";
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            """
            update parcels set declaration_id = @id
            where liable_party_id = @party and declaration_id is null and decision = 'release' and period <= @period
            """, new { id, party, period }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            "update parcel_returns set declaration_id = @id where liable_party_id = @party and declaration_id is null",
            new { id, party }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var lines = (await unit.Connection.QueryAsync<(string Collection, string CollectAt, long Parcels, long Value, long Duty, long Excise, long Tax, long Charge)>(new CommandDefinition(
            """
            select collection, collect_at, count(*), sum(value_minor), sum(duty_minor), sum(excise_minor), sum(tax_minor), sum(charge_minor)
            from parcels where declaration_id = @id group by collection, collect_at order by collection, collect_at
            """, new { id }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false)).ToList();
        var refunds = await unit.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select coalesce(sum(refund_minor), 0) from parcel_returns where declaration_id = @id", new { id }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var charges = lines.Sum(l => l.Charge);
        var total = charges - refunds;
        var declaration = new Declaration(id, party, period, time.GetUtcNow(), (int)lines.Sum(l => l.Parcels), ParcelRow.Major(lines.Sum(l => l.Value)), ParcelRow.Major(charges),
            ParcelRow.Major(refunds), ParcelRow.Major(total), node.NationalCurrency,
            lines.Select(l => new Line(l.Collection, l.CollectAt, (int)l.Parcels, ParcelRow.Major(l.Value), ParcelRow.Major(l.Duty), ParcelRow.Major(l.Excise), ParcelRow.Major(l.Tax), ParcelRow.Major(l.Charge))).ToList(),
            total > 0 ? "lodged" : "settled", null, null);
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into parcel_declarations (id, party_id, period, lodged_by, lodged_at_ms, parcel_count, value_minor, charge_minor, refund_minor, total_minor, currency, lines_json, status, paid_at_ms)
            values (@id, @party, @period, @party, @at, @count, @value, @charges, @refunds, @total, @currency, @lines, @status, @paidAt)
            """,
            new
            {
                id,
                party,
                period,
                at = declaration.LodgedAt.ToUnixTimeMilliseconds(),
                count = declaration.Parcels,
                value = lines.Sum(l => l.Value),
                charges,
                refunds,
                total,
                currency = node.NationalCurrency,
                lines = JsonSerializer.Serialize(declaration.Lines, JsonSerializerOptions.Web),
                status = declaration.Status,
                paidAt = total > 0 ? (long?)null : declaration.LodgedAt.ToUnixTimeMilliseconds(),
            }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (total <= 0)
        {
            // Nothing to pay: the declared charges are settled by the refunds at once.
            await ParcelAccounts.AddLiabilityAsync(unit, party, -charges, cancellationToken).ConfigureAwait(false);
            return declaration with { PaidAt = declaration.LodgedAt };
        }
        if (onLodged is not null)
        {
            var order = await onLodged(declaration, unit, cancellationToken).ConfigureAwait(false);
            if (!order.IsSuccess)
            {
                return order.Failure!;
            }
            await unit.Connection.ExecuteAsync(new CommandDefinition(
                "update parcel_declarations set payment_order_id = @order where id = @id", new { order = order.Value, id }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            declaration = declaration with { PaymentOrderId = order.Value };
        }
        return declaration;
    }

    /// <summary>Records that a declaration's amount was paid: its charges leave the guarantee's liability. Once only.</summary>
    public async Task<bool> MarkPaidAsync(string declarationId, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var row = await unit.Connection.QuerySingleOrDefaultAsync<(string PartyId, long Charges)?>(new CommandDefinition(
            "select party_id, charge_minor from parcel_declarations where id = @declarationId and status = 'lodged'" + unit.Dialect.ForUpdate,
            new { declarationId }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (row is not { } found)
        {
            return false;
        }
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            "update parcel_declarations set status = 'paid', paid_at_ms = @at where id = @declarationId",
            new { declarationId, at = time.GetUtcNow().ToUnixTimeMilliseconds() }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await ParcelAccounts.AddLiabilityAsync(unit, found.PartyId, -found.Charges, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The declarations a party may see: its own (a parcel operator), or every one (customs and the operator).</summary>
    public static async Task<IReadOnlyList<Declaration>> ListAsync(Actor actor, DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(
            Columns + (actor.Role == PartyRole.ParcelOperator ? " where party_id = @party" : "") + " order by lodged_at_ms desc, id desc",
            new { party = actor.PartyId }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToDeclaration()).ToList();
    }

    public static async Task<Declaration?> FindAsync(Actor actor, string id, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(connection);
        var row = await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Columns + " where id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row is null || (actor.Role == PartyRole.ParcelOperator && row.PartyId != actor.PartyId) ? null : row.ToDeclaration();
    }

    private const string Columns =
        """
        select id as Id, party_id as PartyId, period as Period, lodged_at_ms as LodgedAtMs, parcel_count as ParcelCount, value_minor as ValueMinor,
               charge_minor as ChargeMinor, refund_minor as RefundMinor, total_minor as TotalMinor, currency as Currency, lines_json as LinesJson,
               status as Status, payment_order_id as PaymentOrderId, paid_at_ms as PaidAtMs
        from parcel_declarations
        """;

    private sealed class Row
    {
        public string Id { get; set; } = "";
        public string PartyId { get; set; } = "";
        public string Period { get; set; } = "";
        public long LodgedAtMs { get; set; }
        public long ParcelCount { get; set; }
        public long ValueMinor { get; set; }
        public long ChargeMinor { get; set; }
        public long RefundMinor { get; set; }
        public long TotalMinor { get; set; }
        public string Currency { get; set; } = "";
        public string LinesJson { get; set; } = "[]";
        public string Status { get; set; } = "";
        public string? PaymentOrderId { get; set; }
        public long? PaidAtMs { get; set; }

        public Declaration ToDeclaration() => new(Id, PartyId, Period, DateTimeOffset.FromUnixTimeMilliseconds(LodgedAtMs), (int)ParcelCount, ParcelRow.Major(ValueMinor),
            ParcelRow.Major(ChargeMinor), ParcelRow.Major(RefundMinor), ParcelRow.Major(TotalMinor), Currency,
            JsonSerializer.Deserialize<List<Line>>(LinesJson, JsonSerializerOptions.Web)!, Status, PaymentOrderId,
            PaidAtMs is { } paid ? DateTimeOffset.FromUnixTimeMilliseconds(paid) : null);
    }
}
