using System.Security.Claims;
using Caravan.Parties;

namespace Caravan.Node.Api.Security;

/// <summary>The claims a bearer token yields, and typed access to them from a request's user.</summary>
public static class CaravanClaims
{
    public const string PartyId = "caravan:party";
    public const string PartyName = "caravan:name";

    public static string GetPartyId(this ClaimsPrincipal user) =>
        user.FindFirstValue(PartyId) ?? throw new InvalidOperationException("The request is not authenticated as a party.");

    public static Caravan.Window.Consignments.Actor ToActor(this ClaimsPrincipal user) => new(user.GetPartyId(), user.GetRole());

    public static PartyRole GetRole(this ClaimsPrincipal user) =>
        PartyRoleNames.TryParse(user.FindFirstValue(ClaimTypes.Role), out var role)
            ? role
            : throw new InvalidOperationException("The request's party has no role.");
}
