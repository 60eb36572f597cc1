using System.Diagnostics.CodeAnalysis;

namespace Caravan.Common;

/// <summary>Either a value or an expected <see cref="Common.Failure"/>.</summary>
public readonly struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Failure? failure)
    {
        _value = value;
        Failure = failure;
    }

    public Failure? Failure { get; }

    [MemberNotNullWhen(false, nameof(Failure))]
    public bool IsSuccess => Failure is null;

    public T Value => IsSuccess ? _value! : throw new InvalidOperationException($"The result is a failure: {Failure.Code}");

    public static Result<T> Success(T value) => new(value, null);

    public static Result<T> Fail(Failure failure) => new(default, failure ?? throw new ArgumentNullException(nameof(failure)));

#pragma warning disable CA2225 // Operator overloads have named alternates: Success and Fail.
    public static implicit operator Result<T>(T value) => Success(value);

    public static implicit operator Result<T>(Failure failure) => Fail(failure);
#pragma warning restore CA2225
}
