using Caravan.Common;
using Caravan.Node.Api.Idempotency;
using Caravan.Node.Api.Problems;
using Caravan.Node.Api.Security;
using Caravan.Node.Hosting;
using Caravan.Parties;
using Caravan.Trust;
using Dapper;

namespace Caravan.Node.Api.Endpoints;

/// <summary>The operator's API: parties and their tokens, the trust list and the revocation list.</summary>
public static class OperatorEndpoints
{
    public sealed record CreatePartyRequest(string Id, string Name, PartyRole Role);

    public sealed record CreatePartyResponse(string Id, string Name, PartyRole Role, DateTimeOffset CreatedAt, string Token);

    public sealed record PartnerView(string Country, Uri Endpoint, string Subject, string Serial, string Thumbprint, DateTimeOffset ValidFrom, DateTimeOffset ValidUntil, bool Revoked);

    public sealed record RevokeRequest(string Serial, string Reason);

    public static void MapOperatorEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("").RequireAuthorization(Policies.Operator).WithTags("Operator");

        group.MapIdempotentPost<CreatePartyRequest, CreatePartyResponse>("/parties", async (request, context, ct) =>
        {
            var store = context.Services.GetRequiredService<PartyStore>();
            var created = await store.CreateAsync(request.Id, request.Name, request.Role, context.Transaction, ct).ConfigureAwait(false);
            if (!created.IsSuccess)
            {
                return created.Failure;
            }
            var (party, token) = created.Value;
            return new CreatePartyResponse(party.Id, party.Name, party.Role, party.CreatedAt, token);
        }).WithSummary("Creates a party and returns its first API token (shown once).");

        group.MapGet("/parties", async (PartyStore store, CancellationToken ct) =>
            Results.Ok(await store.ListAsync(ct).ConfigureAwait(false)))
            .WithSummary("Lists the parties known to this node.");

        group.MapGet("/trust/partners", (NodeRuntime runtime) =>
            Results.Ok(runtime.TrustList.Partners.OrderBy(p => p.CountryCode, StringComparer.Ordinal).Select(p => new PartnerView(
                p.CountryCode, p.Endpoint, p.Certificate.Subject, p.Certificate.SerialNumber, p.Thumbprint, p.ValidFrom, p.ValidUntil,
                runtime.TrustList.RevokedSerials.Contains(TrustList.NormaliseSerial(p.Certificate.SerialNumber))))))
            .WithSummary("The partner trust list with each pinned certificate's validity.");

        group.MapGet("/trust/revocations", async (RevocationStore store, CancellationToken ct) =>
            Results.Ok(await store.ListAsync(ct).ConfigureAwait(false)))
            .WithSummary("The operator-maintained list of revoked certificate serial numbers.");

        group.MapIdempotentPost<RevokeRequest, RevocationStore.Revocation>("/trust/revocations", async (request, context, ct) =>
        {
            var store = context.Services.GetRequiredService<RevocationStore>();
            return await store.RevokeAsync(request.Serial, request.Reason, context.User.GetPartyId(), context.Transaction, ct).ConfigureAwait(false);
        }).WithSummary("Revokes a certificate by serial number: messages and documents it signed are rejected from now on.");
    }
}
