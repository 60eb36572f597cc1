using Caravan.Common;
using Caravan.Node.Api.Idempotency;
using Caravan.Node.Api.Problems;
using Caravan.Node.Api.Security;
using Caravan.Storage;
using Caravan.Window.Acdd;
using Caravan.Window.Consignments;

namespace Caravan.Node.Api.Endpoints;

/// <summary>
/// Consignments: a trader (or a broker under mandate) lodges once, follows its tasks and history, answers agencies'
/// questions, and withdraws. Agencies see the consignments they have tasks on. Anything else is answered 404.
/// </summary>
public static class ConsignmentEndpoints
{
    public sealed record WithdrawRequest(string Reason);

    public sealed record RespondRequest(string Message);

    public static void MapConsignmentEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/consignments").WithTags("Consignments");

        group.MapGet("", async (HttpContext http, ConsignmentWorkflow workflow, CaravanDatabase database, int? limit, CancellationToken ct) =>
            Results.Ok(await database.ReadAsync((c, t) => workflow.ListAsync(http.User.ToActor(), Math.Clamp(limit ?? 100, 1, 1000), c, t), ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.AnyParty).WithSummary("Consignments the caller may see, newest first.");

        group.MapGet("/{id}", async (string id, HttpContext http, ConsignmentWorkflow workflow, CaravanDatabase database, CancellationToken ct) =>
        {
            var consignment = await database.ReadAsync((c, t) => workflow.FindAsync(id, c, null, t), ct).ConfigureAwait(false);
            return consignment is null || !ConsignmentWorkflow.MaySee(http.User.ToActor(), consignment)
                ? Failure.NotFound("consignment.not_found", $"Consignment {id} does not exist.").ToProblem()
                : Results.Ok(consignment);
        }).RequireAuthorization(Policies.AnyParty).WithSummary("One consignment with its tasks and full history (who, when, why).");

        group.MapIdempotentPost<RawBody, ConsignmentView>("", (body, context, ct) =>
        {
            var parsed = DeclarationBody.Read(body);
            if (!parsed.IsSuccess)
            {
                return Task.FromResult<Result<ConsignmentView>>(parsed.Failure);
            }
            var lodgement = Lodgement.Create(parsed.Value.Declaration, context.Services.GetRequiredService<NodeContext>().CountryCode);
            return lodgement.IsSuccess
                ? context.Services.GetRequiredService<ConsignmentWorkflow>().CreateDraftAsync(context.User.ToActor(), parsed.Value.OnBehalfOf, lodgement.Value, context.Unit, ct)
                : Task.FromResult<Result<ConsignmentView>>(lodgement.Failure);
        })
            .RequireAuthorization(Policies.TraderOrBroker)
            .WithSummary("Saves a draft from a goods declaration: JSON {declaration, onBehalfOf?} or WCO DMS XML (application/xml, ?onBehalfOf=). A broker needs the trader's mandate.");

        group.MapIdempotentPost<RawBody, ConsignmentView>("/{id}/amend", (body, context, ct) =>
        {
            var parsed = DeclarationBody.Read(body);
            if (!parsed.IsSuccess)
            {
                return Task.FromResult<Result<ConsignmentView>>(parsed.Failure);
            }
            var lodgement = Lodgement.Create(parsed.Value.Declaration, context.Services.GetRequiredService<NodeContext>().CountryCode);
            return lodgement.IsSuccess
                ? context.Services.GetRequiredService<ConsignmentWorkflow>().AmendAsync(context.User.ToActor(), context.Route("id"), lodgement.Value, parsed.Value.Message, context.Unit, ct)
                : Task.FromResult<Result<ConsignmentView>>(lodgement.Failure);
        }, StatusCodes.Status200OK)
            .RequireAuthorization(Policies.TraderOrBroker)
            .WithSummary("Replaces the declaration of a draft, or of a lodged consignment an agency asked about (its tasks reopen). Same formats as lodging.");

        group.MapGet("/{id}/advance-data", async (string id, HttpContext http, ConsignmentWorkflow workflow, AcddLinker linker, CaravanDatabase database, CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            var consignment = await database.ReadAsync((c, t) => workflow.FindAsync(id, c, null, t), ct).ConfigureAwait(false);
            if (consignment is null || !ConsignmentWorkflow.MaySee(actor, consignment))
            {
                return Failure.NotFound("consignment.not_found", $"Consignment {id} does not exist.").ToProblem();
            }
            return Results.Ok(await database.ReadAsync((c, t) => linker.ViewAsync(consignment, c, t), ct).ConfigureAwait(false));
        }).RequireAuthorization(Policies.CustomsOrOperator)
            .WithSummary("Customs only: the export's ACDD as sent, or the ACDDs received for an import, each with its mismatches against the import declaration.");

        group.MapIdempotentPost<EmptyRequest, ConsignmentView>("/{id}/submit", (_, context, ct) =>
            context.Services.GetRequiredService<ConsignmentWorkflow>().SubmitAsync(context.User.ToActor(), context.Route("id"), context.Unit, ct), StatusCodes.Status200OK)
            .RequireAuthorization(Policies.TraderOrBroker)
            .WithSummary("Lodges a draft: the matrix decides the agency tasks, which all open at once (none: released at once).");

        group.MapIdempotentPost<WithdrawRequest, ConsignmentView>("/{id}/withdraw", (request, context, ct) =>
            context.Services.GetRequiredService<ConsignmentWorkflow>().WithdrawAsync(context.User.ToActor(), context.Route("id"), request.Reason, context.Unit, ct), StatusCodes.Status200OK)
            .RequireAuthorization(Policies.TraderOrBroker);

        group.MapIdempotentPost<ConsignmentAttachments.AttachRequest, ConsignmentAttachments.Attachment>("/{id}/attachments", (request, context, ct) =>
            context.Services.GetRequiredService<ConsignmentAttachments>().AttachAsync(context.User.ToActor(), context.Route("id"), request, context.Unit, ct))
            .RequireAuthorization(Policies.TraderOrBroker)
            .WithMetadata(new RequestBodyLimit((ConsignmentAttachments.MaxBytes / 3 * 4) + (64 * 1024)))
            .WithSummary("Attaches a document (PDF, PNG, JPEG, XML or text, at most 10 MiB, base64) to a draft, or while an agency waits for information.");

        group.MapGet("/{id}/attachments", async (string id, HttpContext http, ConsignmentAttachments attachments, CaravanDatabase database, CancellationToken ct) =>
            await database.ReadAsync((c, t) => attachments.ListAsync(http.User.ToActor(), id, c, t), ct).ConfigureAwait(false) is { } list
                ? Results.Ok(list)
                : Failure.NotFound("consignment.not_found", $"Consignment {id} does not exist.").ToProblem())
            .RequireAuthorization(Policies.AnyParty).WithSummary("The consignment's attachments (name, type, size, SHA-256, who and when).");

        group.MapGet("/{id}/attachments/{attachmentId}", async (string id, string attachmentId, HttpContext http, ConsignmentAttachments attachments, CaravanDatabase database, CancellationToken ct) =>
        {
            var found = await database.ReadAsync((c, t) => attachments.DownloadAsync(http.User.ToActor(), id, attachmentId, c, t), ct).ConfigureAwait(false);
            if (found is not { } download)
            {
                return Failure.NotFound("attachment.not_found", $"Attachment {attachmentId} of consignment {id} does not exist.").ToProblem();
            }
            http.Response.Headers["X-Content-SHA256"] = download.Attachment.Sha256;
            var disposition = new Microsoft.Net.Http.Headers.ContentDispositionHeaderValue("attachment");
            disposition.SetHttpFileName(download.Attachment.FileName);
            http.Response.Headers.ContentDisposition = disposition.ToString();
            return Results.Bytes(download.Content, download.Attachment.ContentType);
        }).RequireAuthorization(Policies.AnyParty).WithSummary("Downloads one attachment as uploaded (X-Content-SHA256 carries its digest).");

        group.MapIdempotentPost<RespondRequest, ConsignmentView>("/{id}/respond", (request, context, ct) =>
            context.Services.GetRequiredService<ConsignmentWorkflow>().RespondAsync(context.User.ToActor(), context.Route("id"), request.Message, context.Unit, ct), StatusCodes.Status200OK)
            .RequireAuthorization(Policies.TraderOrBroker)
            .WithSummary("Answers the agencies' information requests; their tasks reopen.");
    }
}
