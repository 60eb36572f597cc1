namespace Caravan.Common;

/// <summary>
/// An expected failure: bad input, something missing, a conflict with the current state, or an untrusted party.
/// <see cref="Code"/> is stable and documented; clients may switch on it. <see cref="Errors"/> lists field errors.
/// </summary>
public sealed record Failure(FailureKind Kind, string Code, string Message, IReadOnlyList<FieldError>? Errors = null)
{
    public static Failure Validation(string code, string message, IReadOnlyList<FieldError>? errors = null) => new(FailureKind.Validation, code, message, errors);

    public static Failure Validation(IReadOnlyList<FieldError> errors) =>
        new(FailureKind.Validation, "validation_failed", $"The request has {errors.Count} invalid field(s).", errors);

    public static Failure NotFound(string code, string message) => new(FailureKind.NotFound, code, message);

    public static Failure Conflict(string code, string message, IReadOnlyList<FieldError>? errors = null) => new(FailureKind.Conflict, code, message, errors);

    public static Failure Forbidden(string code, string message) => new(FailureKind.Forbidden, code, message);
}
