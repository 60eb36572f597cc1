using Caravan.Common;
using Caravan.Storage;
using Caravan.Window.Consignments;
using Dapper;

namespace Caravan.Window.Parcels;

/// <summary>
/// Customs decides a held parcel: release it (its charge must then be secured by the liable party's guarantee) or
/// refuse it entry (its reserved charge is given back to the guarantee). When the hold led to an inspection, its
/// result is fed back to every rule that held on the parcel (a hit when something was found), as for declarations.
/// </summary>
public sealed class ParcelDecisions(TimeProvider time)
{
    public sealed record DecisionRequest(string Action, bool? Found, string? Findings);

    public sealed record Decided(string ParcelId, string Decision, string? Findings, IReadOnlyList<string> RulesMarked);

    public async Task<Result<Decided>> DecideAsync(Actor actor, string parcelId, DecisionRequest request, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(unit);
        if (request is null || request.Action is not ("release" or "refuse"))
        {
            return Failure.Validation([new FieldError("action", "action.unknown", "action is release or refuse.")]);
        }
        if (request.Findings is { Length: > 2000 })
        {
            return Failure.Validation([new FieldError("findings", "text.length", "findings are at most 2000 characters.")]);
        }
        var parcel = await ParcelStore.FindAsync(parcelId, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false);
        if (parcel is null)
        {
            return Failure.NotFound("parcel.not_found", $"Parcel {parcelId} does not exist.");
        }
        if (parcel.Decision != "hold")
        {
            return Failure.Conflict("parcel.not_held", $"Parcel {parcelId} is {parcel.Decision}; only a held parcel is decided.");
        }
        var reserved = parcel.GuaranteeReserved == 1;
        if (request.Action == "release" && parcel.ChargeMinor > 0 && !reserved)
        {
            var headroom = await ParcelAccounts.LockHeadroomAsync(unit, [parcel.LiablePartyId], cancellationToken).ConfigureAwait(false);
            var left = headroom.GetValueOrDefault(parcel.LiablePartyId);
            if (left < parcel.ChargeMinor)
            {
                return Failure.Conflict("guarantee.insufficient",
                    $"The charge {ParcelRow.Major(parcel.ChargeMinor)} exceeds what the guarantee of {parcel.LiablePartyId} still covers ({ParcelRow.Major(Math.Max(0, left))}); it is raised or a declaration paid first.");
            }
            await ParcelAccounts.AddLiabilityAsync(unit, parcel.LiablePartyId, parcel.ChargeMinor, cancellationToken).ConfigureAwait(false);
            reserved = true;
        }
        else if (request.Action == "refuse" && reserved)
        {
            await ParcelAccounts.AddLiabilityAsync(unit, parcel.LiablePartyId, -parcel.ChargeMinor, cancellationToken).ConfigureAwait(false);
            reserved = false;
        }
        var decision = request.Action == "release" ? "release" : "refused";
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var changed = await unit.Connection.ExecuteAsync(new CommandDefinition(
            """
            update parcels set decision = @decision, decided_by = @actor, decided_at_ms = @now, findings = @findings, guarantee_reserved = @reserved
            where id = @parcelId and decision = 'hold'
            """,
            new { decision, actor = actor.PartyId, now, findings = request.Findings, reserved = reserved ? 1 : 0, parcelId }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (changed == 0)
        {
            throw new InvalidOperationException($"Parcel {parcelId} changed under a held lock.");
        }
        var marked = new List<string>();
        if (request.Found is { } found && parcel.RuleHits is { } hits && parcel.RulesVersion is { } version)
        {
            foreach (var rule in hits.Split(','))
            {
                marked.Add(rule);
                await unit.Connection.ExecuteAsync(new CommandDefinition(
                    """
                    insert into risk_feedback (subject_id, item_number, rule_id, rules_version, found, recorded_by, recorded_at_ms)
                    values (@parcelId, 1, @rule, @version, @found, @actor, @now) on conflict do nothing
                    """,
                    new { parcelId, rule, version, found = found ? 1 : 0, actor = actor.PartyId, now }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }
        }
        return new Decided(parcelId, decision, request.Findings, marked);
    }
}
