namespace Caravan.Exchange.Outbox;

/// <summary>The effect of <see cref="OutboxStore.MarkFailedAsync(long, string, DateTimeOffset, RetryPolicy, CancellationToken)"/>.</summary>
public sealed record OutboxFailureResult(OutboxFailureOutcome Outcome, int Attempts, DateTimeOffset? NextAttemptAt);
