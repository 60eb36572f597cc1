using Caravan.Common;

namespace Caravan.Node.Api.Problems;

/// <summary>
/// The one place where expected failures become RFC 9457 problem details. The <c>type</c> is
/// <c>urn:caravan:problem:{code}</c> and the same stable code is repeated in the <c>code</c> member; field errors
/// are listed in <c>errors</c> with their paths.
/// </summary>
public static class ProblemResults
{
    public const string TypePrefix = "urn:caravan:problem:";

    public static int StatusFor(FailureKind kind) => kind switch
    {
        FailureKind.Validation => StatusCodes.Status422UnprocessableEntity,
        FailureKind.NotFound => StatusCodes.Status404NotFound,
        FailureKind.Conflict => StatusCodes.Status409Conflict,
        FailureKind.Forbidden => StatusCodes.Status403Forbidden,
        FailureKind.Untrusted => StatusCodes.Status403Forbidden,
        FailureKind.Unavailable => StatusCodes.Status503ServiceUnavailable,
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    public static IResult ToProblem(this Failure failure)
    {
        ArgumentNullException.ThrowIfNull(failure);
        return Problem(StatusFor(failure.Kind), failure.Code, failure.Message, failure.Errors);
    }

    public static IResult Problem(int status, string code, string detail, IReadOnlyList<FieldError>? errors = null)
    {
        var extensions = new Dictionary<string, object?> { ["code"] = code };
        if (errors is { Count: > 0 })
        {
            extensions["errors"] = errors.Select(e => e.Line is null
                ? (object)new { path = e.Path, code = e.Code, message = e.Message }
                : new { path = e.Path, code = e.Code, message = e.Message, line = e.Line, column = e.Column }).ToArray();
        }
        return Results.Problem(detail: detail, statusCode: status, title: TitleFor(status), type: TypePrefix + code, extensions: extensions);
    }

    /// <summary>Maps a result to 200/201 with the value, or to problem details.</summary>
    public static IResult ToHttp<T>(this Result<T> result, int successStatus = StatusCodes.Status200OK) =>
        result.IsSuccess ? Results.Json(result.Value, statusCode: successStatus) : result.Failure.ToProblem();

    private static string TitleFor(int status) => status switch
    {
        400 => "Bad request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not found",
        409 => "Conflict",
        422 => "Invalid input",
        503 => "Unavailable",
        _ => "Error",
    };
}
