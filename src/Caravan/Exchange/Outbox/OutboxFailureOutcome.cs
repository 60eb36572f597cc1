namespace Caravan.Exchange.Outbox;

/// <summary>What recording a failed delivery attempt did to the message.</summary>
public enum OutboxFailureOutcome
{
    /// <summary>Back to pending, to be retried at <see cref="OutboxFailureResult.NextAttemptAt"/>.</summary>
    RetryScheduled,

    /// <summary>The retry limit is reached (or the failure was permanent): the message is now dead.</summary>
    DeadLettered,

    /// <summary>The message was not in the sending state (already delivered, or reclaimed and settled by another worker).</summary>
    NotSending,
}
