using System.Data.Common;
using Caravan.Common;
using Caravan.Customs.Risk;
using Caravan.Documents.Declarations;
using Caravan.Storage;
using Caravan.Window.Consignments;
using Dapper;

namespace Caravan.Window.Risk;

/// <summary>
/// Inspection results feed the rules back: when customs records what an inspection of an item found, every rule that
/// held on that item (under the active rules) is marked a hit (something found) or a miss. Each item is recorded
/// once; <see cref="PrecisionAsync"/> gives each rule's precision over the recorded inspections.
/// </summary>
public sealed class RiskFeedback(RiskRuleStore rules, ConsignmentRisk risk, TimeProvider time)
{
    public sealed record InspectionResult(int ItemNumber, bool Found, string? Findings);

    public sealed record Recorded(string ConsignmentId, int ItemNumber, bool Found, int RulesVersion, IReadOnlyList<string> RulesMarked);

    public sealed record RulePrecision(string RuleId, int Inspected, int Found, decimal Precision);

    public async Task<Result<Recorded>> RecordAsync(Actor actor, ConsignmentView consignment, InspectionResult result, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(consignment);
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(unit);
        var declaration = DeclarationJson.Read(consignment.Declaration.GetRawText()).Document!;
        var item = declaration.Items.FirstOrDefault(i => i.SequenceNumber == result.ItemNumber);
        if (item is null)
        {
            return Failure.Validation([new FieldError("itemNumber", "item.unknown", $"Consignment {consignment.Id} has no item {result.ItemNumber}.")]);
        }
        var engine = await rules.ActiveEngineAsync(unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false);
        if (engine is null)
        {
            return Failure.Conflict("risk.no_active_rules", "No risk rule set is active on this node.");
        }
        var already = await unit.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from risk_feedback where subject_id = @id and item_number = @item",
            new { id = consignment.Id, item = result.ItemNumber }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (already > 0)
        {
            return Failure.Conflict("inspection.already_recorded", $"The inspection of item {result.ItemNumber} is already recorded.");
        }
        var facts = (await risk.FactsAsync(consignment, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false)).First(f => f.ItemNumber == result.ItemNumber).Facts;
        var decision = engine.Evaluate(facts, $"{consignment.Id}/{result.ItemNumber}");
        var now = time.GetUtcNow();
        foreach (var hit in decision.Hits)
        {
            await unit.Connection.ExecuteAsync(new CommandDefinition(
                """
                insert into risk_feedback (subject_id, item_number, rule_id, rules_version, found, recorded_by, recorded_at_ms)
                values (@id, @item, @rule, @version, @found, @actor, @at)
                """,
                new { id = consignment.Id, item = result.ItemNumber, rule = hit.RuleId, version = engine.Version, found = result.Found ? 1 : 0, actor = actor.PartyId, at = now.ToUnixTimeMilliseconds() },
                unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        await ConsignmentWorkflow.AppendEventAsync(unit, consignment.Id, now, actor.PartyId, "inspected",
            $"item {result.ItemNumber}: {(result.Found ? "irregularity found" : "nothing found")}{(string.IsNullOrWhiteSpace(result.Findings) ? "" : $" ({result.Findings})")}", null, cancellationToken).ConfigureAwait(false);
        return new Recorded(consignment.Id, result.ItemNumber, result.Found, engine.Version, decision.Hits.Select(h => h.RuleId).ToList());
    }

    /// <summary>Each rule's inspections, finds and precision (finds / inspections), most inspected first.</summary>
    public static async Task<IReadOnlyList<RulePrecision>> PrecisionAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<(string RuleId, long Inspected, long Found)>(new CommandDefinition(
            "select rule_id, count(*), sum(found) from risk_feedback group by rule_id order by count(*) desc, rule_id", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new RulePrecision(r.RuleId, (int)r.Inspected, (int)r.Found, r.Inspected == 0 ? 0 : Math.Round((decimal)r.Found / r.Inspected, 4))).ToList();
    }
}
