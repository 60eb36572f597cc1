using Caravan.Common;
using Caravan.Node.Api.Idempotency;
using Caravan.Node.Api.Problems;
using Caravan.Node.Api.Security;
using Caravan.Node.Hosting;
using Caravan.Parties;
using Caravan.Storage;
using Caravan.Window.Certificates;
using Caravan.Window.Origin;

namespace Caravan.Node.Api.Endpoints;

/// <summary>
/// Certificates of origin: traders apply and see their own applications; the issuing authority approves or rejects.
/// The certificates themselves, whatever their type, are served by <see cref="CertificateEndpoints"/>.
/// </summary>
public static class OriginEndpoints
{
    public static void MapOriginEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/origin").WithTags("Certificates of origin");

        group.MapIdempotentPost<OriginWorkflow.ApplyRequest, OriginApplication>("/applications", (request, context, ct) =>
            context.Services.GetRequiredService<OriginWorkflow>().ApplyAsync(context.User.GetPartyId(), request, context.Unit, ct))
            .RequireAuthorization(Policies.Trader)
            .WithSummary("An exporter applies for a certificate of origin for goods going to a partner country.");

        group.MapGet("/applications", async (HttpContext http, OriginWorkflow workflow, CaravanDatabase database, int? limit, CancellationToken ct) =>
        {
            var exporter = OwnOnly(http);
            var list = await database.ReadAsync((c, t) => workflow.ListApplicationsAsync(exporter, Math.Clamp(limit ?? 100, 1, 1000), c, t), ct).ConfigureAwait(false);
            return Results.Ok(list);
        }).RequireAuthorization(Policies.TraderOrAuthority)
            .WithSummary("Applications, newest first: an exporter sees only its own.");

        group.MapGet("/applications/{id}", async (string id, HttpContext http, OriginWorkflow workflow, CaravanDatabase database, CancellationToken ct) =>
        {
            var application = await database.ReadAsync((c, t) => workflow.FindApplicationAsync(id, c, null, t), ct).ConfigureAwait(false);
            // Another exporter's application is reported as absent, not forbidden, so its existence does not leak.
            return application is null || (OwnOnly(http) is { } own && application.ExporterPartyId != own)
                ? Failure.NotFound("application.not_found", $"Application {id} does not exist.").ToProblem()
                : Results.Ok(application);
        }).RequireAuthorization(Policies.TraderOrAuthority);

        group.MapIdempotentPost<OriginWorkflow.ApproveRequest, CertificateView>("/applications/{id}/approve", (request, context, ct) =>
            context.Services.GetRequiredService<OriginWorkflow>().ApproveAsync(context.User.GetPartyId(), context.Route("id"), request, context.Unit, ct))
            .RequireAuthorization(Policies.IssuingAuthority)
            .WithSummary("The issuing authority approves: the certificate is numbered, signed and sent to the importing country.");

        group.MapIdempotentPost<OriginWorkflow.RejectRequest, OriginApplication>("/applications/{id}/reject", (request, context, ct) =>
            context.Services.GetRequiredService<OriginWorkflow>().RejectAsync(context.Route("id"), request, context.Unit, ct),
            StatusCodes.Status200OK)
            .RequireAuthorization(Policies.IssuingAuthority)
            .WithSummary("The issuing authority rejects an application, with a reason the exporter sees.");

        group.MapIdempotentPost<OriginWorkflow.ReplaceRequest, CertificateView>("/certificates/{number}/replace", (request, context, ct) =>
            context.Services.GetRequiredService<OriginWorkflow>().ReplaceAsync(context.User.GetPartyId(), context.Route("number"), request, context.Unit, ct))
            .RequireAuthorization(Policies.IssuingAuthority)
            .WithSummary("Replaces an issued certificate with a corrected one: a new certificate is sent, the old one becomes replaced on both sides.");
    }

    /// <summary>Traders are confined to their own records; other roles are not.</summary>
    internal static string? OwnOnly(HttpContext http) => http.User.GetRole() == PartyRole.Trader ? http.User.GetPartyId() : null;
}
