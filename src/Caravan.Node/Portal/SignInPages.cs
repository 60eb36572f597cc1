using Caravan.Node.Api.Security;
using Caravan.Parties;
using Microsoft.AspNetCore.Authentication;

namespace Caravan.Node.Portal;

/// <summary>Sign-in, sign-out, the portal's entry, its stylesheet and the access-denied page.</summary>
internal static class SignInPages
{
    public static void MapSignInPages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/portal/assets/portal.css", (HttpContext http) =>
        {
            http.Response.Headers.CacheControl = "public, max-age=3600";
            http.Response.Headers.XContentTypeOptions = "nosniff";
            return Results.Text(PortalCss.Text, "text/css; charset=utf-8");
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapGet("/portal", (HttpContext http) => Results.Redirect(PortalAuth.HomeOf(http.User.GetRole())))
            .RequireAuthorization(PortalAuth.AnyAccount).ExcludeFromDescription();

        app.MapGet("/portal/sign-in", (HttpContext http, string? returnUrl) => SignInForm(http, returnUrl, null))
            .AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/portal/sign-in", async (HttpContext http, AccountStore accounts) =>
        {
            var form = await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false);
            if (form is null)
            {
                return PortalForms.Rejected(http);
            }
            var returnUrl = form.Value("returnUrl");
            var result = await accounts.SignInAsync(form.Value("username"), form["password"].ToString(), http.RequestAborted).ConfigureAwait(false);
            switch (result.Outcome)
            {
                case AccountSignInOutcome.SignedIn:
                    await http.SignInAsync(PortalAuth.Scheme, PortalAuth.PrincipalFor(result.Account!), new AuthenticationProperties { IsPersistent = false }).ConfigureAwait(false);
                    return Results.Redirect(IsLocalPortalPath(returnUrl) ? returnUrl : PortalAuth.HomeOf(result.Account!.Role));
                case AccountSignInOutcome.LockedOut:
                    return SignInForm(http, returnUrl, $"Too many failed attempts: this account is locked until {result.LockedUntil:yyyy-MM-dd HH:mm} UTC.", StatusCodes.Status429TooManyRequests);
                case AccountSignInOutcome.Disabled:
                case AccountSignInOutcome.InvalidCredentials:
                    return SignInForm(http, returnUrl, "The username or password is not correct.", StatusCodes.Status401Unauthorized);
                default:
                    throw new InvalidOperationException($"Unexpected sign-in outcome {result.Outcome}.");
            }
        }).AllowAnonymous().ExcludeFromDescription();

        app.MapPost("/portal/sign-out", async (HttpContext http) =>
        {
            if (await PortalForms.ReadValidatedAsync(http).ConfigureAwait(false) is null)
            {
                return PortalForms.Rejected(http);
            }
            await http.SignOutAsync(PortalAuth.Scheme).ConfigureAwait(false);
            return Results.Redirect("/portal/sign-in");
        }).RequireAuthorization(PortalAuth.AnyAccount).ExcludeFromDescription();

        app.MapGet("/portal/denied", (HttpContext http) =>
            new PortalPage(http).Render("Not allowed", h => h
                .Element("p", "Your account's role may not open this page.", ("class", "error"))
                .Link("/portal", "Back to your home page"), StatusCodes.Status403Forbidden))
            .AllowAnonymous().ExcludeFromDescription();
    }

    /// <summary>Only paths of this portal are followed after sign-in (no open redirects).</summary>
    internal static bool IsLocalPortalPath(string? url) =>
        !string.IsNullOrEmpty(url) && url.StartsWith("/portal", StringComparison.Ordinal) && !url.Contains("//", StringComparison.Ordinal)
        && !url.Contains('\\', StringComparison.Ordinal) && url.All(c => c > ' ' && c < 127);

    private static IResult SignInForm(HttpContext http, string? returnUrl, string? error, int status = StatusCodes.Status200OK)
    {
        var page = new PortalPage(http);
        return page.Render("Sign in", h =>
        {
            if (error is not null)
            {
                h.Element("p", error, ("class", "error"), ("role", "alert"));
            }
            h.Open("div", ("class", "card"));
            h.Form("/portal/sign-in", page.Token)
                .Void("input", ("type", "hidden"), ("name", "returnUrl"), ("value", IsLocalPortalPath(returnUrl) ? returnUrl : ""))
                .Field("Username", "username", autocomplete: "username", maxLength: 64)
                .Field("Password", "password", "password", autocomplete: "current-password", maxLength: AccountPasswords.MaximumLength)
                .Element("button", "Sign in", ("type", "submit"))
                .Close("form");
            h.Close("div");
            h.Open("p", ("class", "muted")).Text("Holding a certificate of origin? ").Link("/verify", "Verify it without an account").Text(".").Close("p");
        }, status);
    }
}
