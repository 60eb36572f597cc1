using Caravan.Common;
using Caravan.Node.Api.Idempotency;
using Caravan.Node.Api.Security;
using Caravan.Parties;

namespace Caravan.Node.Portal;

/// <summary>The operator's API for portal accounts (people who sign in to the browser portals for a party).</summary>
public static class AccountEndpoints
{
    public sealed record CreateAccountRequest(string Username, string DisplayName, string PartyId, string Password);

    /// <summary>An account as the API shows it: never its password or hash.</summary>
    public sealed record AccountView(string Id, string Username, string DisplayName, string PartyId, string PartyName, PartyRole Role,
        DateTimeOffset CreatedAt, DateTimeOffset? LastSignInAt, DateTimeOffset? LockedUntil, bool Disabled)
    {
        public static AccountView From(Account a)
        {
            ArgumentNullException.ThrowIfNull(a);
            return new(a.Id, a.Username, a.DisplayName, a.PartyId, a.PartyName, a.Role, a.CreatedAt, a.LastSignInAt, a.LockedUntil, a.IsDisabled);
        }
    }

    public static void MapAccountEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/accounts").RequireAuthorization(Policies.Operator).WithTags("Operator");

        group.MapIdempotentPost<CreateAccountRequest, AccountView>("", async (request, context, ct) =>
        {
            var created = await context.Services.GetRequiredService<AccountStore>()
                .CreateAsync(request.Username, request.DisplayName, request.PartyId, request.Password, context.Transaction, ct).ConfigureAwait(false);
            return created.IsSuccess ? AccountView.From(created.Value) : (Result<AccountView>)created.Failure!;
        }).WithSummary("Creates a portal account for a party; the person signs in with the username and password given here.");

        group.MapGet("", async (AccountStore accounts, CancellationToken ct) =>
            Results.Ok((await accounts.ListAsync(ct).ConfigureAwait(false)).Select(AccountView.From)))
            .WithSummary("Lists portal accounts with their party, role, last sign-in and lockout.");

        group.MapIdempotentPost<EmptyRequest, AccountView>("/{id}/disable", async (_, context, ct) =>
        {
            var changed = await context.Services.GetRequiredService<AccountStore>().SetDisabledAsync(context.Route("id"), true, context.Transaction, ct).ConfigureAwait(false);
            return changed.IsSuccess ? AccountView.From(changed.Value) : (Result<AccountView>)changed.Failure!;
        }, StatusCodes.Status200OK).WithSummary("Disables an account: it cannot sign in and its open sessions end.");

        group.MapIdempotentPost<EmptyRequest, AccountView>("/{id}/enable", async (_, context, ct) =>
        {
            var changed = await context.Services.GetRequiredService<AccountStore>().SetDisabledAsync(context.Route("id"), false, context.Transaction, ct).ConfigureAwait(false);
            return changed.IsSuccess ? AccountView.From(changed.Value) : (Result<AccountView>)changed.Failure!;
        }, StatusCodes.Status200OK).WithSummary("Re-enables a disabled account (and lifts a lockout).");
    }
}
