using System.Globalization;
using Caravan.Common;

namespace Caravan.Node.Portal;

/// <summary>How the portal writes times, quantities and failures.</summary>
internal static class PortalFormat
{
    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    public static string Time(DateTimeOffset? at) => at is { } t ? Time(t) : "";

    public static string Number(decimal value) => value.ToString("#,0.######", CultureInfo.InvariantCulture);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    /// <summary>A failure's message with each named field, for an error box.</summary>
    public static string Describe(Failure failure) =>
        failure.Errors is { Count: > 0 } errors
            ? failure.Message + " " + string.Join(" ", errors.Select(e => $"{e.Path}: {e.Message}"))
            : failure.Message;

    public static int StatusOf(Failure failure) => failure.Kind switch
    {
        FailureKind.Validation => StatusCodes.Status422UnprocessableEntity,
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Conflict => StatusCodes.Status409Conflict,
        FailureKind.Forbidden => StatusCodes.Status403Forbidden,
        FailureKind.Untrusted => StatusCodes.Status422UnprocessableEntity,
        FailureKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => StatusCodes.Status400BadRequest,
    };
}
