using System.Text;
using Caravan.Node.Api.Security;
using Caravan.Node.Hosting;
using Caravan.Parties;
using Microsoft.AspNetCore.Antiforgery;

namespace Caravan.Node.Portal;

/// <summary>
/// Renders a portal page: the layout (title, navigation for the signed-in role, sign-out form), the body the
/// caller writes, and the security headers every page carries (a strict content security policy with no scripts,
/// no framing, no referrer so verification keys in links do not leak, no caching of personal pages).
/// </summary>
public sealed class PortalPage(HttpContext http)
{
    private AntiforgeryField? _token;

    public HttpContext Http { get; } = http;

    /// <summary>The antiforgery field for forms on this page (the token is tied to the current user).</summary>
    public AntiforgeryField Token
    {
        get
        {
            if (_token is null)
            {
                var tokens = Http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(Http);
                _token = new AntiforgeryField(tokens.FormFieldName, tokens.RequestToken!);
            }
            return _token;
        }
    }

    public IResult Render(string title, Action<Html> body, int status = StatusCodes.Status200OK)
    {
        ArgumentNullException.ThrowIfNull(body);
        var runtime = Http.RequestServices.GetRequiredService<NodeRuntime>();
        var html = new Html();
        html.Open("html", ("lang", "en"));
        html.Open("head")
            .Void("meta", ("charset", "utf-8"))
            .Void("meta", ("name", "viewport"), ("content", "width=device-width, initial-scale=1"))
            .Element("title", $"{title} - Caravan {runtime.CountryCode}")
            .Void("link", ("rel", "stylesheet"), ("href", "/portal/assets/portal.css"))
            .Close("head");
        html.Open("body");
        html.Open("header", ("class", "top"));
        html.Link("/portal", $"Caravan {runtime.CountryCode} single window", ("class", "brand"));
        var user = Http.User;
        if (user.Identity is { IsAuthenticated: true, AuthenticationType: PortalAuth.Scheme })
        {
            html.Open("nav", ("aria-label", "Main"));
            foreach (var (href, text) in NavigationFor(user.GetRole()))
            {
                html.Link(href, text);
            }
            html.Close("nav");
            html.Element("span", $"{user.Identity.Name} ({user.FindFirst(CaravanClaims.PartyName)?.Value})", ("class", "muted"));
            html.Form("/portal/sign-out", Token).Element("button", "Sign out", ("type", "submit")).Close("form");
        }
        else
        {
            html.Open("nav").Link("/verify", "Verify a certificate").Link("/portal/sign-in", "Sign in").Close("nav");
        }
        html.Close("header");
        html.Open("main").Element("h1", title);
        body(html);
        html.Close("main").Close("body").Close("html");

        var headers = Http.Response.Headers;
        headers.ContentSecurityPolicy = "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "no-referrer";
        headers.CacheControl = "no-store";
        return Results.Text("<!DOCTYPE html>" + html, "text/html; charset=utf-8", Encoding.UTF8, status);
    }

    private static IEnumerable<(string Href, string Text)> NavigationFor(PartyRole role) => role switch
    {
        PartyRole.Operator =>
        [
            ("/portal/operator/matrix", "Requirements matrix"),
            ("/portal/operator/tariff", "Tariff"),
            ("/portal/operator/trust", "Trust and revocations"),
            ("/portal/operator/dead-letters", "Dead letters"),
            ("/portal/operator/audit", "Audit chain"),
            ("/portal/operator/accounts", "Accounts"),
            ("/portal/parcels", "Parcels"),
        ],
        PartyRole.Trader => [("/portal/consignments", "My consignments"), ("/portal/trader", "My applications and certificates")],
        PartyRole.Broker => [("/portal/consignments", "Consignments I lodged")],
        PartyRole.Agency => [("/portal/agency", "Task queue")],
        PartyRole.IssuingAuthority => [("/portal/authority", "Application queue"), ("/portal/authority/certificates", "Issued certificates"), ("/portal/agency", "Task queue")],
        PartyRole.Customs => [("/portal/agency", "Task queue"), ("/portal/customs", "Received certificates"), ("/portal/parcels/held", "Held parcels"),
            ("/portal/parcels/statistics", "E-commerce statistics"), ("/portal/risk", "Risk rules")],
        PartyRole.ParcelOperator => [("/portal/parcels", "My parcels"), ("/portal/parcels/statistics", "Statistics")],
        _ => [],
    };
}
