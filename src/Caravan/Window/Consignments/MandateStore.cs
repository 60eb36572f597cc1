using Caravan.Common;
using Caravan.Storage;
using Dapper;

namespace Caravan.Window.Consignments;

/// <summary>
/// Recorded mandates: a trader authorises a broker to lodge and manage its consignments, for a period. Without an
/// active mandate a broker cannot act for that trader.
/// </summary>
public sealed class MandateStore(TimeProvider time)
{
    public sealed record Mandate(string Id, string TraderPartyId, string BrokerPartyId, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, DateTimeOffset? RevokedAt);

    public async Task<Result<Mandate>> GrantAsync(string traderPartyId, string brokerPartyId, DateTimeOffset validUntil, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var now = time.GetUtcNow();
        if (validUntil <= now)
        {
            return Failure.Validation([new FieldError("validUntil", "date.past", "validUntil must be in the future.")]);
        }
        var broker = await unit.Connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "select role from parties where id = @brokerPartyId", new { brokerPartyId }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (broker != Parties.PartyRoleNames.Broker)
        {
            return Failure.Validation([new FieldError("brokerPartyId", "broker.unknown", $"{brokerPartyId} is not a broker known to this node.")]);
        }
        var id = "mdt_" + Guid.CreateVersion7(now).ToString("N");
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into mandates (id, trader_party_id, broker_party_id, valid_from_ms, valid_until_ms, created_at_ms)
            values (@id, @traderPartyId, @brokerPartyId, @from, @until, @from)
            """,
            new { id, traderPartyId, brokerPartyId, from = now.ToUnixTimeMilliseconds(), until = validUntil.ToUnixTimeMilliseconds() },
            unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new Mandate(id, traderPartyId, brokerPartyId, now, validUntil, null);
    }

    public async Task<Result<Mandate>> RevokeAsync(string traderPartyId, string mandateId, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var now = time.GetUtcNow();
        var updated = await unit.Connection.ExecuteAsync(new CommandDefinition(
            "update mandates set revoked_at_ms = @now where id = @mandateId and trader_party_id = @traderPartyId and revoked_at_ms is null",
            new { now = now.ToUnixTimeMilliseconds(), mandateId, traderPartyId }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (updated != 1)
        {
            return Failure.NotFound("mandate.not_found", $"No active mandate {mandateId} of {traderPartyId}.");
        }
        var row = await unit.Connection.QuerySingleAsync<(string Id, string Trader, string Broker, long From, long Until, long? Revoked)>(new CommandDefinition(
            "select id, trader_party_id, broker_party_id, valid_from_ms, valid_until_ms, revoked_at_ms from mandates where id = @mandateId",
            new { mandateId }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new Mandate(row.Id, row.Trader, row.Broker, DateTimeOffset.FromUnixTimeMilliseconds(row.From), DateTimeOffset.FromUnixTimeMilliseconds(row.Until),
            row.Revoked is { } r ? DateTimeOffset.FromUnixTimeMilliseconds(r) : null);
    }

    public async Task<bool> IsActiveAsync(string brokerPartyId, string traderPartyId, DateTimeOffset at, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return await unit.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            select count(*) from mandates where broker_party_id = @brokerPartyId and trader_party_id = @traderPartyId
              and revoked_at_ms is null and valid_from_ms <= @at and valid_until_ms > @at
            """,
            new { brokerPartyId, traderPartyId, at = at.ToUnixTimeMilliseconds() }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false) > 0;
    }
}
