using Caravan.Common;
using Caravan.Node.Api.Idempotency;
using Caravan.Node.Api.Problems;
using Caravan.Node.Api.Security;
using Caravan.Storage;
using Caravan.Window.Acdd;
using Caravan.Window.Consignments;
using Caravan.Window.Notifications;
using Caravan.Window.Requirements;

namespace Caravan.Node.Api.Endpoints;

/// <summary>
/// The single window's API: the requirements matrix (operator), mandates (trader to broker), webhooks (trader),
/// agency task queues and decisions. Consignment lodgement is in <see cref="ConsignmentEndpoints"/>.
/// </summary>
public static class WindowEndpoints
{
    public sealed record PublishMatrixRequest(IReadOnlyList<RequirementRule> Rules, string? Note);

    public sealed record GrantMandateRequest(string BrokerPartyId, DateTimeOffset ValidUntil);

    public sealed record RegisterWebhookRequest(string Url);

    /// <summary>
    /// A decision on a task. Approving a task whose action issues a document (an export's phytosanitary task issues the
    /// ePhyto) also carries the certificate content, the signing officer and the place of issue.
    /// </summary>
    public sealed record DecisionRequest(TaskDecision Decision, string? Reason, System.Text.Json.JsonElement? Certificate = null, string? OfficerName = null, string? Place = null);

    public static void MapWindowEndpoints(this IEndpointRouteBuilder api)
    {
        var matrix = api.MapGroup("/matrix").WithTags("Requirements matrix");
        matrix.MapGet("", async (RequirementMatrixStore store, CancellationToken ct) =>
        {
            var active = await store.GetActiveAsync(ct).ConfigureAwait(false);
            return Results.Json(new { active.Version, active.Rules }, RequirementMatrixStore.Json);
        }).RequireAuthorization(Policies.AnyParty).WithSummary("The active matrix: which agency actions which goods need.");
        matrix.MapGet("/versions", async (RequirementMatrixStore store, CancellationToken ct) =>
            Results.Ok(await store.ListVersionsAsync(ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.Operator).WithSummary("Every published version, newest first.");
        matrix.MapGet("/versions/{version:int}", async (int version, RequirementMatrixStore store, CancellationToken ct) =>
            await store.GetAsync(version, ct).ConfigureAwait(false) is { } found
                ? Results.Json(new { found.Version, found.Rules }, RequirementMatrixStore.Json)
                : Failure.NotFound("matrix.version_not_found", $"Matrix version {version} does not exist.").ToProblem())
            .RequireAuthorization(Policies.AnyParty).WithSummary("One version, to explain a past assessment.");
        matrix.MapIdempotentPost<PublishMatrixRequest, RequirementMatrixStore.MatrixVersion>("/versions", (request, context, ct) =>
            context.Services.GetRequiredService<RequirementMatrixStore>().PublishAsync(request.Rules ?? [], request.Note, context.User.GetPartyId(), context.Unit, ct))
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Publishes a whole new version of the matrix (e.g. loaded from a file); the previous versions stay.");

        api.MapIdempotentPost<GrantMandateRequest, MandateStore.Mandate>("/mandates", (request, context, ct) =>
            context.Services.GetRequiredService<MandateStore>().GrantAsync(context.User.GetPartyId(), request.BrokerPartyId, request.ValidUntil, context.Unit, ct))
            .RequireAuthorization(Policies.Trader).WithTags("Mandates")
            .WithSummary("A trader authorises a broker to lodge and manage its consignments until a date.");
        api.MapIdempotentPost<EmptyRequest, MandateStore.Mandate>("/mandates/{id}/revoke", (_, context, ct) =>
            context.Services.GetRequiredService<MandateStore>().RevokeAsync(context.User.GetPartyId(), context.Route("id"), context.Unit, ct), StatusCodes.Status200OK)
            .RequireAuthorization(Policies.Trader).WithTags("Mandates");

        api.MapIdempotentPost<RegisterWebhookRequest, WebhookStore.Registration>("/webhooks", (request, context, ct) =>
            context.Services.GetRequiredService<WebhookStore>().RegisterAsync(context.User.GetPartyId(), request.Url, context.Unit, ct))
            .RequireAuthorization(Policies.Trader).WithTags("Notifications")
            .WithSummary("Registers the trader's webhook; the response shows the signing secret once (Caravan-Signature: t=..,v1=HMAC-SHA256).");

        api.MapGet("/advance-data", async (AcddStore store, CaravanDatabase database, int? limit, CancellationToken ct) =>
            Results.Ok((await database.ReadAsync((c, t) => store.ListReceivedAsync(Math.Clamp(limit ?? 100, 1, 1000), c, t), ct).ConfigureAwait(false))
                .Select(a => new { a.ExportCountry, a.DeclarationNumber, a.ConsignmentId, ReceivedAt = a.CreatedAt, a.LinkedAt, a.Document })))
            .RequireAuthorization(Policies.CustomsOrOperator).WithTags("Advance customs data")
            .WithSummary("Customs: the ACDDs received from partners, newest first, with the import consignment each is linked to (none yet: the goods are announced but not declared).");

        var tasks = api.MapGroup("/tasks").WithTags("Agency tasks");
        tasks.MapGet("", async (HttpContext http, ConsignmentWorkflow workflow, CaravanDatabase database, string? status, string? action, int? limit, CancellationToken ct) =>
        {
            AgencyTaskStatus? statusFilter = Names.TryParseTaskStatus(status, out var s) ? s : null;
            AgencyActionKind? actionFilter = Names.TryParseAction(action, out var a) ? a : null;
            if (status is not null && statusFilter is null)
            {
                return ProblemResults.Problem(400, "status.invalid", $"status must be one of: {string.Join(", ", Enum.GetValues<AgencyTaskStatus>().Select(Names.Of))}.");
            }
            if (action is not null && actionFilter is null)
            {
                return ProblemResults.Problem(400, "action.invalid", $"action must be one of: {string.Join(", ", Enum.GetValues<AgencyActionKind>().Select(Names.Of))}.");
            }
            return Results.Ok(await database.ReadAsync((c, t) => workflow.ListTasksAsync(http.User.GetPartyId(), statusFilter, actionFilter, Math.Clamp(limit ?? 100, 1, 1000), c, t), ct).ConfigureAwait(false));
        })
            .RequireAuthorization(Policies.AgencyLike).WithSummary("The calling agency's own task queue, oldest first, filtered by status and action.");
        tasks.MapIdempotentPost<DecisionRequest, ConsignmentView>("/{id}/decision", (request, context, ct) =>
            context.Services.GetRequiredService<ConsignmentWorkflow>().DecideAsync(context.User.ToActor(), context.Route("id"), request.Decision, request.Reason,
                new TaskApproval(request.Certificate, request.OfficerName, request.Place), context.Unit, ct),
            StatusCodes.Status200OK)
            .RequireAuthorization(Policies.AgencyLike)
            .WithSummary("Approve, reject (with reason) or request information; approving an export's phytosanitary task issues and sends the ePhyto. A second decision, or one by another agency, is 409.");
    }
}
