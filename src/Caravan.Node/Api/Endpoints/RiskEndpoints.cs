using Caravan.Common;
using Caravan.Customs.Risk;
using Caravan.Documents.Declarations;
using Caravan.Node.Api.Idempotency;
using Caravan.Node.Api.Problems;
using Caravan.Node.Api.Security;
using Caravan.Storage;
using Caravan.Window.Consignments;
using Caravan.Window.Risk;

namespace Caravan.Node.Api.Endpoints;

/// <summary>
/// Customs risk management: rule sets written by analysts (draft, replay on past declarations, activate; every
/// version kept; the active set is used at once by every process), and the explained decision for a consignment's items.
/// </summary>
public static class RiskEndpoints
{
    public static void MapRiskEndpoints(this IEndpointRouteBuilder api)
    {
        var risk = api.MapGroup("/risk/rule-sets").WithTags("Risk");
        risk.MapIdempotentPost<RiskRuleStore.SaveRequest, RiskRuleStore.RuleSet>("", (request, context, ct) =>
            context.Services.GetRequiredService<RiskRuleStore>().SaveDraftAsync(request, context.User.GetPartyId(), context.Unit, ct))
            .RequireAuthorization(Policies.Customs)
            .WithSummary("Saves a draft rule set {rules:[{id, name, condition, weight}], thresholds:{yellow, red, randomSelectionRate}, note?}; a rule that does not parse or type-check refuses it, naming the rule and position.");
        risk.MapGet("", async (RiskRuleStore store, CaravanDatabase database, CancellationToken ct) =>
            Results.Ok(await database.ReadAsync((c, t) => store.ListAsync(c, t), ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.Customs).WithSummary("Every rule set, newest first, with its status (draft, active, retired).");
        risk.MapGet("/{version:int}/replay", async (int version, int? limit, RiskRuleStore store, CaravanDatabase database, CancellationToken ct) =>
        {
            var report = await database.ReadAsync((c, t) => store.ReplayAsync(version, Math.Clamp(limit ?? 1000, 1, 100_000), c, t), ct).ConfigureAwait(false);
            return report.IsSuccess ? Results.Ok(report.Value) : report.Failure.ToProblem();
        }).RequireAuthorization(Policies.Customs).WithSummary("What the rule set would decide on the latest lodged declarations, against the active set: channels, changes and examples.");
        risk.MapIdempotentPost<EmptyRequest, RiskRuleStore.RuleSet>("/{version}/activate", (_, context, ct) =>
            int.TryParse(context.Route("version"), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var version)
                ? context.Services.GetRequiredService<RiskRuleStore>().ActivateAsync(version, context.Unit, ct)
                : Task.FromResult<Result<RiskRuleStore.RuleSet>>(Failure.NotFound("risk.version_not_found", "No such rule set.")), StatusCodes.Status200OK)
            .RequireAuthorization(Policies.Customs).WithSummary("Activates a draft; the previous active set is retired. Every node process uses it from its next evaluation.");

        risk.MapGet("/precision", async (CaravanDatabase database, CancellationToken ct) =>
            Results.Ok(await database.ReadAsync((c, t) => RiskFeedback.PrecisionAsync(c, t), ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.Customs).WithSummary("Each rule's inspections, finds and precision, from the inspection results recorded.");

        api.MapIdempotentPost<RiskFeedback.InspectionResult, RiskFeedback.Recorded>("/consignments/{id}/inspection-results", async (request, context, ct) =>
        {
            var id = context.Route("id");
            var consignment = await context.Services.GetRequiredService<ConsignmentWorkflow>().FindAsync(id, context.Unit.Connection, context.Unit.Transaction, ct).ConfigureAwait(false);
            if (consignment is null || !ConsignmentWorkflow.MaySee(context.User.ToActor(), consignment))
            {
                return Failure.NotFound("consignment.not_found", $"Consignment {id} does not exist.");
            }
            return await context.Services.GetRequiredService<RiskFeedback>().RecordAsync(context.User.ToActor(), consignment, request, context.Unit, ct).ConfigureAwait(false);
        }).RequireAuthorization(Policies.Customs).WithTags("Risk")
            .WithSummary("Customs records what inspecting an item found {itemNumber, found, findings?}; each rule that held on it is marked a hit or a miss, once.");

        api.MapGet("/consignments/{id}/risk", async (string id, HttpContext http, ConsignmentWorkflow workflow, RiskRuleStore store, ConsignmentRisk risk, CaravanDatabase database, CancellationToken ct) =>
        {
            var consignment = await database.ReadAsync((c, t) => workflow.FindAsync(id, c, null, t), ct).ConfigureAwait(false);
            if (consignment is null || !ConsignmentWorkflow.MaySee(http.User.ToActor(), consignment))
            {
                return Failure.NotFound("consignment.not_found", $"Consignment {id} does not exist.").ToProblem();
            }
            var engine = await database.ReadAsync((c, t) => store.ActiveEngineAsync(c, null, t), ct).ConfigureAwait(false);
            if (engine is null)
            {
                return Failure.Conflict("risk.no_active_rules", "No risk rule set is active on this node.").ToProblem();
            }
            var evaluated = await database.ReadAsync((c, t) => risk.EvaluateAsync(engine, consignment, c, null, t), ct).ConfigureAwait(false);
            var decisions = evaluated.Select(d => new { itemNumber = d.ItemNumber, decision = d.Decision }).ToList();
            var worst = decisions.Select(d => d.decision.Channel).DefaultIfEmpty(RiskChannel.Green).Max();
            return Results.Ok(new { consignmentId = id, rulesVersion = engine.Version, channel = worst, items = decisions });
        }).RequireAuthorization(Policies.CustomsOrOperator).WithTags("Risk")
            .WithSummary("The risk decision for each item under the active rules: channel, score, every rule that held and the facts it looked at.");
    }
}
