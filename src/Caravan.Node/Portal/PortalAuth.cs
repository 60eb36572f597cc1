using System.Security.Claims;
using Caravan.Node.Api.Security;
using Caravan.Parties;
using Microsoft.AspNetCore.Authorization;

namespace Caravan.Node.Portal;

/// <summary>
/// The portal's cookie authentication scheme (separate from the API's bearer scheme) and its authorization policies
/// by role. A signed-in person carries the same party claims a bearer token yields, plus the account's id and stamp.
/// </summary>
public static class PortalAuth
{
    public const string Scheme = "CaravanPortal";
    public const string AccountId = "caravan:account";
    public const string Username = "caravan:username";
    public const string SecurityStamp = "caravan:stamp";

    public const string AnyAccount = "portal:any";
    public const string Operator = "portal:operator";
    public const string Trader = "portal:trader";
    public const string IssuingAuthority = "portal:issuing_authority";
    public const string Customs = "portal:customs";
    public const string AgencyLike = "portal:agency";
    public const string TraderOrBroker = "portal:trader_or_broker";
    public const string ParcelOperator = "portal:parcel_operator";
    public const string ParcelReader = "portal:parcel_reader";

    public static AuthorizationBuilder AddPortalPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddPolicy(AnyAccount, p => p.AddAuthenticationSchemes(Scheme).RequireAuthenticatedUser())
            .AddPolicy(Operator, p => p.AddAuthenticationSchemes(Scheme).RequireRole(PartyRoleNames.Operator))
            .AddPolicy(Trader, p => p.AddAuthenticationSchemes(Scheme).RequireRole(PartyRoleNames.Trader))
            .AddPolicy(IssuingAuthority, p => p.AddAuthenticationSchemes(Scheme).RequireRole(PartyRoleNames.IssuingAuthority))
            .AddPolicy(Customs, p => p.AddAuthenticationSchemes(Scheme).RequireRole(PartyRoleNames.Customs))
            .AddPolicy(AgencyLike, p => p.AddAuthenticationSchemes(Scheme).RequireRole(PartyRoleNames.Agency, PartyRoleNames.Customs, PartyRoleNames.IssuingAuthority))
            .AddPolicy(TraderOrBroker, p => p.AddAuthenticationSchemes(Scheme).RequireRole(PartyRoleNames.Trader, PartyRoleNames.Broker))
            .AddPolicy(ParcelOperator, p => p.AddAuthenticationSchemes(Scheme).RequireRole(PartyRoleNames.ParcelOperator))
            .AddPolicy(ParcelReader, p => p.AddAuthenticationSchemes(Scheme).RequireRole(PartyRoleNames.ParcelOperator, PartyRoleNames.Customs, PartyRoleNames.Operator));
    }

    public static ClaimsPrincipal PrincipalFor(Account account)
    {
        ArgumentNullException.ThrowIfNull(account);
        var identity = new ClaimsIdentity(
            [
                new Claim(AccountId, account.Id),
                new Claim(Username, account.Username),
                new Claim(ClaimTypes.Name, account.DisplayName),
                new Claim(SecurityStamp, account.SecurityStamp),
                new Claim(CaravanClaims.PartyId, account.PartyId),
                new Claim(CaravanClaims.PartyName, account.PartyName),
                new Claim(ClaimTypes.Role, account.Role.ToName()),
            ],
            Scheme, ClaimTypes.Name, ClaimTypes.Role);
        return new ClaimsPrincipal(identity);
    }

    /// <summary>The home page of a role.</summary>
    public static string HomeOf(PartyRole role) => role switch
    {
        PartyRole.Operator => "/portal/operator",
        PartyRole.Trader => "/portal/trader",
        PartyRole.IssuingAuthority => "/portal/authority",
        PartyRole.Customs => "/portal/customs",
        PartyRole.Agency => "/portal/agency",
        PartyRole.Broker => "/portal/consignments",
        PartyRole.ParcelOperator => "/portal/parcels",
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };
}
