namespace Caravan.Exchange.Outbox;

/// <summary>Where an outgoing message is in its delivery life.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting for its next attempt (<see cref="OutboxEntry.NextAttemptAt"/>).</summary>
    Pending,

    /// <summary>Claimed by a worker until <see cref="OutboxEntry.ClaimedUntil"/>; reclaimable after that.</summary>
    Sending,

    /// <summary>The partner answered with a receipt; final.</summary>
    Delivered,

    /// <summary>Gave up after the retry limit or a permanent error; visible to operators and re-sendable.</summary>
    Dead,
}
