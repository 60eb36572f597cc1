using Caravan.Parties;
using Microsoft.AspNetCore.Authorization;

namespace Caravan.Node.Api.Security;

/// <summary>Authorization policies by role. Every API endpoint names one; the fallback policy denies anonymous calls.</summary>
public static class Policies
{
    public const string Operator = "role:operator";
    public const string Trader = "role:trader";
    public const string Broker = "role:broker";
    public const string Agency = "role:agency";
    public const string IssuingAuthority = "role:issuing_authority";
    public const string Customs = "role:customs";
    public const string TraderOrAuthority = "role:trader|issuing_authority";
    public const string AnyParty = "role:any";
    public const string CustomsOrOperator = "role:customs|operator";
    public const string AgencyLike = "role:agency|customs|issuing_authority";

    /// <summary>Parties that issue certificates on this node: the issuing authority (origin) and agencies (the NPPO's ePhyto).</summary>
    public const string Issuer = "role:issuing_authority|agency";
    public const string TraderOrBroker = "role:trader|broker";

    /// <summary>E-commerce platforms, express carriers and postal operators that push parcel data.</summary>
    public const string ParcelOperator = "role:parcel_operator";

    /// <summary>Who may read parcel data: its operator (its own only), customs and the node operator (all).</summary>
    public const string ParcelReader = "role:parcel_operator|customs|operator";

    public static AuthorizationBuilder AddCaravanPolicies(this AuthorizationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var authenticated = new AuthorizationPolicyBuilder(BearerTokenHandler.SchemeName).RequireAuthenticatedUser().Build();
        return builder
            .SetFallbackPolicy(authenticated)
            .SetDefaultPolicy(authenticated)
            .AddPolicy(Operator, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireRole(PartyRoleNames.Operator))
            .AddPolicy(Trader, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireRole(PartyRoleNames.Trader))
            .AddPolicy(Broker, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireRole(PartyRoleNames.Broker))
            .AddPolicy(Agency, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireRole(PartyRoleNames.Agency))
            .AddPolicy(IssuingAuthority, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireRole(PartyRoleNames.IssuingAuthority))
            .AddPolicy(Customs, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireRole(PartyRoleNames.Customs))
            .AddPolicy(TraderOrAuthority, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireRole(PartyRoleNames.Trader, PartyRoleNames.IssuingAuthority))
            .AddPolicy(AgencyLike, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireRole(PartyRoleNames.Agency, PartyRoleNames.Customs, PartyRoleNames.IssuingAuthority))
            .AddPolicy(Issuer, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireRole(PartyRoleNames.IssuingAuthority, PartyRoleNames.Agency))
            .AddPolicy(CustomsOrOperator, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireRole(PartyRoleNames.Customs, PartyRoleNames.Operator))
            .AddPolicy(TraderOrBroker, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireRole(PartyRoleNames.Trader, PartyRoleNames.Broker))
            .AddPolicy(ParcelOperator, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireRole(PartyRoleNames.ParcelOperator))
            .AddPolicy(ParcelReader, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireRole(PartyRoleNames.ParcelOperator, PartyRoleNames.Customs, PartyRoleNames.Operator))
            .AddPolicy(AnyParty, p => p.AddAuthenticationSchemes(BearerTokenHandler.SchemeName).RequireAuthenticatedUser());
    }
}
