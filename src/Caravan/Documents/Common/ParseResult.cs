using System.Diagnostics.CodeAnalysis;

namespace Caravan.Documents.Common;

/// <summary>
/// The outcome of making a value from untrusted input: either the value or a <see cref="ValueError"/>.
/// Expected bad input is reported here rather than thrown.
/// </summary>
public readonly struct ParseResult<T>
    where T : struct
{
    private readonly T _value;

    private ParseResult(T value, ValueError? error)
    {
        _value = value;
        Error = error;
    }

    /// <summary>The error when the input was rejected; <see langword="null"/> on success.</summary>
    public ValueError? Error { get; }

    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The value; throws <see cref="InvalidOperationException"/> if the parse failed (a bug in the caller).</summary>
    public T Value => Error is null
        ? _value
        : throw new InvalidOperationException($"No value: {Error.Code}: {Error.Message}");

#pragma warning disable CA1000 // Static factory members on the generic result are the intended usage.
    public static ParseResult<T> Success(T value) => new(value, null);

    public static ParseResult<T> Failure(string code, string message) => new(default, new ValueError(code, message));
#pragma warning restore CA1000

    public bool TryGetValue(out T value)
    {
        value = _value;
        return Error is null;
    }
}
