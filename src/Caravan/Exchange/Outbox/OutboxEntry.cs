namespace Caravan.Exchange.Outbox;

/// <summary>
/// A stored outbox row: the message plus its delivery state. <see cref="Attempts"/> counts delivery attempts
/// started (each claim adds one). Entries from <c>OutboxStore.ListDeadAsync</c> carry no payload bytes
/// (<see cref="OutboxMessage.Payload"/> is empty); <see cref="PayloadLength"/> is always the stored size.
/// </summary>
public sealed record OutboxEntry(
    long Id,
    OutboxMessage Message,
    long PayloadLength,
    OutboxStatus Status,
    int Attempts,
    DateTimeOffset NextAttemptAt,
    string? LastError,
    string? ClaimedBy,
    DateTimeOffset? ClaimedUntil,
    DateTimeOffset? DeliveredAt,
    ReadOnlyMemory<byte>? Receipt);
