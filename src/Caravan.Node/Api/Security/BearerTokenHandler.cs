using System.Security.Claims;
using System.Text.Encodings.Web;
using Caravan.Node.Api.Problems;
using Caravan.Parties;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace Caravan.Node.Api.Security;

/// <summary>
/// Authenticates <c>Authorization: Bearer cvn_...</c> by the token's SHA-256 hash against the parties store.
/// Unknown or revoked tokens fail; the token itself is never logged.
/// </summary>
public sealed class BearerTokenHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options,
    ILoggerFactory logger,
    UrlEncoder encoder,
    PartyStore parties) : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "Bearer";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? header = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(header))
        {
            return AuthenticateResult.NoResult();
        }
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("The Authorization header is not a bearer token.");
        }
        var token = header["Bearer ".Length..].Trim();
        if (!ApiTokens.LooksLikeToken(token))
        {
            return AuthenticateResult.Fail("The bearer token is malformed.");
        }
        var party = await parties.FindByTokenHashAsync(ApiTokens.Hash(token), Context.RequestAborted).ConfigureAwait(false);
        if (party is null)
        {
            return AuthenticateResult.Fail("The bearer token is unknown or revoked.");
        }
        var identity = new ClaimsIdentity(
            [
                new Claim(CaravanClaims.PartyId, party.Id),
                new Claim(CaravanClaims.PartyName, party.Name),
                new Claim(ClaimTypes.Role, party.Role.ToName()),
            ],
            SchemeName);
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status401Unauthorized;
        Response.Headers.WWWAuthenticate = "Bearer";
        await ProblemResults.Problem(401, "unauthenticated", "A valid bearer token is required (Authorization: Bearer cvn_...).")
            .ExecuteAsync(Context).ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        Response.StatusCode = StatusCodes.Status403Forbidden;
        await ProblemResults.Problem(403, "forbidden", "Your role may not perform this operation.")
            .ExecuteAsync(Context).ConfigureAwait(false);
    }
}
