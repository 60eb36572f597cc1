namespace Caravan.Exchange.Outbox;

/// <summary>
/// When to retry a failed delivery: exponential backoff with full jitter. The ceiling for attempt n (1-based) is
/// <c>min(MaxDelay, InitialDelay × Multiplier^(n-1))</c> and the delay is drawn uniformly from [0, ceiling], which
/// spreads retries from many nodes instead of synchronising them. After <see cref="MaxAttempts"/> attempts the
/// message is dead-lettered. Typically one policy per partner agreement.
/// </summary>
public sealed class RetryPolicy
{
    public RetryPolicy(TimeSpan initialDelay, double multiplier, TimeSpan maxDelay, int maxAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(initialDelay, TimeSpan.Zero);
        if (!double.IsFinite(multiplier) || multiplier < 1.0)
        {
            throw new ArgumentOutOfRangeException(nameof(multiplier), multiplier, "The multiplier must be a finite number of at least 1.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(maxDelay, initialDelay);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxAttempts);
        InitialDelay = initialDelay;
        Multiplier = multiplier;
        MaxDelay = maxDelay;
        MaxAttempts = maxAttempts;
    }

    /// <summary>5 s, doubling, at most 15 min apart, 12 attempts (about 1.5 h of trying in the worst case).</summary>
    public static RetryPolicy Default { get; } = new(TimeSpan.FromSeconds(5), 2.0, TimeSpan.FromMinutes(15), 12);

    public TimeSpan InitialDelay { get; }

    public double Multiplier { get; }

    public TimeSpan MaxDelay { get; }

    /// <summary>Delivery attempts allowed in total, the first included.</summary>
    public int MaxAttempts { get; }

    /// <summary>The upper bound of the delay after failed attempt <paramref name="attempt"/> (1-based).</summary>
    public TimeSpan CeilingFor(int attempt)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(attempt);
        var ticks = InitialDelay.Ticks * Math.Pow(Multiplier, attempt - 1);
        return ticks >= MaxDelay.Ticks || double.IsInfinity(ticks) ? MaxDelay : TimeSpan.FromTicks((long)ticks);
    }

    /// <summary>A delay drawn uniformly from [0, <see cref="CeilingFor"/>(<paramref name="attempt"/>)].</summary>
    public TimeSpan NextDelay(int attempt, Random random)
    {
        ArgumentNullException.ThrowIfNull(random);
        var ceiling = CeilingFor(attempt);
#pragma warning disable CA5394 // Jitter needs no cryptographic randomness.
        return TimeSpan.FromTicks((long)(random.NextDouble() * ceiling.Ticks));
#pragma warning restore CA5394
    }

    /// <summary>Whether a message that has had <paramref name="attempts"/> attempts may be tried again.</summary>
    public bool AllowsAnotherAttempt(int attempts) => attempts < MaxAttempts;
}
