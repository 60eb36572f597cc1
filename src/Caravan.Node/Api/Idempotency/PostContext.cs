using System.Security.Claims;
using Caravan.Storage;

namespace Caravan.Node.Api.Idempotency;

/// <summary>
/// What an idempotent POST handler works with: the caller, the route values, and the one unit of work (database transaction)
/// in which its business change, any outbox message and the idempotency record are committed together.
/// </summary>
public sealed record PostContext(ClaimsPrincipal User, RouteValueDictionary RouteValues, UnitOfWork Unit, IServiceProvider Services)
{
    public System.Data.Common.DbTransaction Transaction => Unit.Transaction;

    public string Route(string name) => RouteValues[name]?.ToString() ?? throw new InvalidOperationException($"Route value '{name}' is missing.");
}
