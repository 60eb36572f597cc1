using Caravan.Node.Hosting;
using Caravan.Parties;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;

namespace Caravan.Node.Portal;

/// <summary>
/// Wires the browser portals into a node: cookie sign-in (its own scheme, next to the API's bearer tokens),
/// antiforgery, data-protection keys in the data folder, the portal pages, the public verification page and the
/// operator's account API.
/// </summary>
public static class PortalExtensions
{
    public static IServiceCollection AddPortal(this IServiceCollection services, NodeRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var country = runtime.CountryCode;
        services.AddSingleton<AccountStore>();
        services.AddSingleton<CertificateVerifier>();
        // Cookies and antiforgery tokens are protected with keys kept in the data folder, so sessions survive restarts.
        services.AddDataProtection()
            .SetApplicationName("caravan-node-" + country)
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(runtime.Options.DataFolder, "portal-keys")));
        services.AddLogging(b => b.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error));
        services.AddAntiforgery(o =>
        {
            // Browsers do not separate cookies by port: names carry the country so nodes on one host do not clash.
            o.Cookie.Name = ".caravan.af." + country.ToLowerInvariant();
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.SuppressXFrameOptionsHeader = true;
        });
        services.AddAuthentication().AddCookie(PortalAuth.Scheme, o =>
        {
            o.Cookie.Name = ".caravan.portal." + country.ToLowerInvariant();
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.ExpireTimeSpan = TimeSpan.FromMinutes(30);
            o.SlidingExpiration = true;
            o.LoginPath = "/portal/sign-in";
            o.LogoutPath = "/portal/sign-out";
            o.AccessDeniedPath = "/portal/denied";
            o.ReturnUrlParameter = "returnUrl";
            o.Events.OnValidatePrincipal = ValidateAccountAsync;
        });
        services.AddAuthorizationBuilder().AddPortalPolicies();
        return services;
    }

    public static WebApplication MapPortal(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGroup("/api/v1").MapAccountEndpoints();
        app.MapSignInPages();
        app.MapOperatorPages();
        app.MapOriginPages();
        app.MapConsignmentPages();
        app.MapParcelPages();
        app.MapRiskPages();
        app.MapVerifyPages();
        return app;
    }

    /// <summary>Ends a session whose account was disabled or re-stamped since it signed in.</summary>
    private static async Task ValidateAccountAsync(CookieValidatePrincipalContext context)
    {
        var id = context.Principal?.FindFirst(PortalAuth.AccountId)?.Value;
        var stamp = context.Principal?.FindFirst(PortalAuth.SecurityStamp)?.Value;
        var account = id is null ? null : await context.HttpContext.RequestServices.GetRequiredService<AccountStore>()
            .FindAsync(id, context.HttpContext.RequestAborted).ConfigureAwait(false);
        if (account is null || account.IsDisabled || account.SecurityStamp != stamp)
        {
            context.RejectPrincipal();
            await context.HttpContext.SignOutAsync(PortalAuth.Scheme).ConfigureAwait(false);
        }
    }
}
