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
/// Certificates of origin: exporters apply and see their own applications and certificates; the issuing authority
/// approves or rejects; customs looks up received certificates and records their use against import declarations.
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

        group.MapGet("/certificates", async (HttpContext http, CertificateStore store, CaravanDatabase database, string? direction, int? limit, CancellationToken ct) =>
        {
            var role = http.User.GetRole();
            var dir = direction switch
            {
                null => role == PartyRole.Customs ? CertificateDirection.Received : CertificateDirection.Issued,
                "issued" => CertificateDirection.Issued,
                "received" => CertificateDirection.Received,
                _ => (CertificateDirection?)null,
            };
            if (dir is null)
            {
                return ProblemResults.Problem(400, "direction.invalid", "direction must be 'issued' or 'received'.");
            }
            if (!MaySee(role, dir.Value))
            {
                return Failure.Forbidden("forbidden", $"A {role.ToName()} may not list {dir.Value.ToString().ToLowerInvariant()} certificates.").ToProblem();
            }
            var list = await database.ReadAsync((c, t) => store.ListAsync(dir.Value, OwnOnly(http), Math.Clamp(limit ?? 100, 1, 1000), c, t), ct).ConfigureAwait(false);
            return Results.Ok(list.Select(Summary));
        }).RequireAuthorization(Policies.AnyParty)
            .WithSummary("Certificates held here: issued ones (authority, exporter: own) or received ones (customs).");

        group.MapGet("/certificates/{issuingCountry}/{number}", async (string issuingCountry, string number, HttpContext http, CertificateStore store, CaravanDatabase database, CancellationToken ct) =>
        {
            var certificate = await database.ReadAsync((c, t) => store.FindAsync(issuingCountry.ToUpperInvariant(), number, c, null, t), ct).ConfigureAwait(false);
            var role = http.User.GetRole();
            if (certificate is null || !MaySee(role, certificate.Direction) || (OwnOnly(http) is { } own && certificate.ExporterPartyId != own))
            {
                return Failure.NotFound("certificate.not_found", $"Certificate {number} from {issuingCountry} is not known here.").ToProblem();
            }
            return Results.Ok(certificate);
        }).RequireAuthorization(Policies.AnyParty)
            .WithSummary("One certificate with its items' remaining quantities, its uses and its full status history.");

        group.MapIdempotentPost<OriginWorkflow.UseRequest, CertificateView>("/certificates/{issuingCountry}/{number}/utilizations", (request, context, ct) =>
            context.Services.GetRequiredService<OriginWorkflow>().RecordUseAsync(
                context.User.GetPartyId(), context.Route("issuingCountry").ToUpperInvariant(), context.Route("number"), request, context.Unit, ct))
            .RequireAuthorization(Policies.Customs)
            .WithSummary("Customs records the use of a received certificate against an import declaration (per-item quantities).");
    }

    /// <summary>Traders are confined to their own records; other roles are not.</summary>
    private static string? OwnOnly(HttpContext http) => http.User.GetRole() == PartyRole.Trader ? http.User.GetPartyId() : null;

    private static bool MaySee(PartyRole role, CertificateDirection direction) => (role, direction) switch
    {
        (PartyRole.Customs, CertificateDirection.Received) => true,
        (PartyRole.Trader or PartyRole.IssuingAuthority, CertificateDirection.Issued) => true,
        (PartyRole.Operator, _) => true,
        _ => false,
    };

    private static object Summary(CertificateView c) => new
    {
        c.IssuingCountry,
        c.Number,
        c.DocumentType,
        Direction = c.Direction.ToString().ToLowerInvariant(),
        c.PartnerCountry,
        c.Status,
        c.IssuedAt,
        c.UpdatedAt,
    };
}
