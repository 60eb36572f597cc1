using Caravan.Common;
using Caravan.Storage;
using Microsoft.AspNetCore.Antiforgery;

namespace Caravan.Node.Portal;

/// <summary>
/// Form handling shared by the portal's POST endpoints: the antiforgery check (a missing or forged token is a 400
/// before anything else happens) and running a workflow step in one transaction that is rolled back when the step
/// answers with a failure.
/// </summary>
internal static class PortalForms
{
    /// <summary>Reads the posted form after validating its antiforgery token; null when the token is missing or invalid.</summary>
    public static async Task<IFormCollection?> ReadValidatedAsync(HttpContext http)
    {
        if (!http.Request.HasFormContentType)
        {
            return null;
        }
        var antiforgery = http.RequestServices.GetRequiredService<IAntiforgery>();
        if (!await antiforgery.IsRequestValidAsync(http).ConfigureAwait(false))
        {
            return null;
        }
        return await http.Request.ReadFormAsync(http.RequestAborted).ConfigureAwait(false);
    }

    public static IResult Rejected(HttpContext http) =>
        new PortalPage(http).Render("Form rejected", h => h.Element("p",
            "This form could not be accepted (its security token is missing or out of date). Go back, reload the page and try again.", ("class", "error")),
            StatusCodes.Status400BadRequest);

    /// <summary>Runs <paramref name="work"/> in one transaction; a failed result rolls everything back and is returned as is.</summary>
    public static async Task<Result<T>> InTransactionAsync<T>(CaravanDatabase database, Func<UnitOfWork, CancellationToken, Task<Result<T>>> work, CancellationToken cancellationToken)
    {
        try
        {
            return await database.InTransactionAsync(async (unit, ct) =>
            {
                var result = await work(unit, ct).ConfigureAwait(false);
                return result.IsSuccess ? result : throw new RollbackException(result.Failure);
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (RollbackException rollback)
        {
            return rollback.Failure;
        }
    }

    public static string Value(this IFormCollection form, string name) => form[name].ToString().Trim();

    private sealed class RollbackException(Failure failure) : Exception("The step failed; its work is rolled back.")
    {
        public Failure Failure { get; } = failure;
    }
}
