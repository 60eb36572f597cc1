using Caravan.Common;
using Caravan.Node.Api.Idempotency;
using Caravan.Node.Api.Problems;
using Caravan.Node.Api.Security;
using Caravan.Parties;
using Caravan.Storage;
using Caravan.Window.Certificates;

namespace Caravan.Node.Api.Endpoints;

/// <summary>
/// Certificates held by this node, of every type: issued ones (issuing authority; a trader sees its own) and received
/// ones (customs and agencies). The importing side accepts, rejects, uses and acquits; the issuer revokes. Each change
/// goes to the other node as a signed business response.
/// </summary>
public static class CertificateEndpoints
{
    public static void MapCertificateEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/certificates").WithTags("Certificates");

        group.MapGet("", async (HttpContext http, CertificateStore store, CaravanDatabase database, string? direction, int? limit, CancellationToken ct) =>
        {
            var role = http.User.GetRole();
            var dir = direction switch
            {
                null => role is PartyRole.Customs or PartyRole.Agency ? CertificateDirection.Received : CertificateDirection.Issued,
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
            var issuedBy = role == PartyRole.Agency && dir == CertificateDirection.Issued ? http.User.GetPartyId() : null;
            var list = await database.ReadAsync((c, t) => store.ListAsync(dir.Value, OriginEndpoints.OwnOnly(http), Math.Clamp(limit ?? 100, 1, 1000), c, t, issuedBy), ct).ConfigureAwait(false);
            return Results.Ok(list.Select(Summary));
        }).RequireAuthorization(Policies.AnyParty)
            .WithSummary("Certificates held here: issued ones (authority; a trader sees its own) or received ones (customs, agencies).");

        group.MapGet("/{issuingCountry}/{number}", async (string issuingCountry, string number, HttpContext http, CertificateStore store, CaravanDatabase database, CancellationToken ct) =>
        {
            var certificate = await database.ReadAsync((c, t) => store.FindAsync(issuingCountry.ToUpperInvariant(), number, c, null, t), ct).ConfigureAwait(false);
            if (certificate is null || !MaySee(http.User.GetRole(), certificate.Direction) || (OriginEndpoints.OwnOnly(http) is { } own && certificate.ExporterPartyId != own)
                || (http.User.GetRole() == PartyRole.Agency && certificate.Direction == CertificateDirection.Issued && certificate.IssuedByPartyId != http.User.GetPartyId()))
            {
                return Failure.NotFound("certificate.not_found", $"Certificate {number} from {issuingCountry} is not known here.").ToProblem();
            }
            return Results.Ok(certificate);
        }).RequireAuthorization(Policies.AnyParty)
            .WithSummary("One certificate with its items' remaining quantities, its uses and its full status history.");

        group.MapIdempotentPost<CertificateLifecycle.UseRequest, CertificateView>("/{issuingCountry}/{number}/utilizations", (request, context, ct) =>
            Lifecycle(context).RecordUseAsync(context.User.GetPartyId(), Country(context), context.Route("number"), request, context.Unit, ct))
            .RequireAuthorization(Policies.Customs)
            .WithSummary("Customs uses a received certificate against an import declaration (per-item quantities, all or nothing).");

        group.MapIdempotentPost<CertificateLifecycle.ReasonRequest, CertificateView>("/{issuingCountry}/{number}/inspect", (request, context, ct) =>
            Lifecycle(context).InspectAsync(context.User.GetPartyId(), Country(context), context.Route("number"), request.Reason, context.Unit, ct), StatusCodes.Status200OK)
            .RequireAuthorization(Policies.AgencyLike).WithSummary("The importing agency records that it inspected the consignment (the reason says what it found).");

        group.MapIdempotentPost<CertificateLifecycle.ReasonRequest, CertificateView>("/{issuingCountry}/{number}/accept", (request, context, ct) =>
            Lifecycle(context).AcceptAsync(context.User.GetPartyId(), Country(context), context.Route("number"), request.Reason, context.Unit, ct), StatusCodes.Status200OK)
            .RequireAuthorization(Policies.AgencyLike).WithSummary("The importing side accepts a received certificate.");

        group.MapIdempotentPost<CertificateLifecycle.ReasonRequest, CertificateView>("/{issuingCountry}/{number}/reject", (request, context, ct) =>
            Lifecycle(context).RejectAsync(context.User.GetPartyId(), Country(context), context.Route("number"), request.Reason, context.Unit, ct), StatusCodes.Status200OK)
            .RequireAuthorization(Policies.AgencyLike).WithSummary("The importing side rejects a received certificate, with a reason the issuer sees.");

        group.MapIdempotentPost<CertificateLifecycle.ReasonRequest, CertificateView>("/{issuingCountry}/{number}/acquit", (request, context, ct) =>
            Lifecycle(context).AcquitAsync(context.User.GetPartyId(), Country(context), context.Route("number"), request.Reason, context.Unit, ct), StatusCodes.Status200OK)
            .RequireAuthorization(Policies.AgencyLike).WithSummary("The importing side closes a certificate: no further use.");

        group.MapIdempotentPost<CertificateLifecycle.ReasonRequest, CertificateView>("/{issuingCountry}/{number}/revoke", (request, context, ct) =>
            Country(context) != context.Services.GetRequiredService<NodeContext>().CountryCode
                ? Task.FromResult<Result<CertificateView>>(Failure.NotFound("certificate.not_found", "Only certificates issued here can be revoked here."))
                : Lifecycle(context).RevokeAsync(context.User.GetPartyId(), context.Route("number"), request.Reason, context.Unit, ct), StatusCodes.Status200OK)
            .RequireAuthorization(Policies.Issuer).WithSummary("The party that issued a certificate (authority, or the NPPO for an ePhyto) revokes it; the importing node is told.");
    }

    private static CertificateLifecycle Lifecycle(PostContext context) => context.Services.GetRequiredService<CertificateLifecycle>();

    private static string Country(PostContext context) => context.Route("issuingCountry").ToUpperInvariant();

    private static bool MaySee(PartyRole role, CertificateDirection direction) => (role, direction) switch
    {
        (PartyRole.Customs or PartyRole.Agency, CertificateDirection.Received) => true,
        (PartyRole.Trader or PartyRole.IssuingAuthority or PartyRole.Agency, CertificateDirection.Issued) => true,
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
