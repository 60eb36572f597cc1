namespace Caravan.Exchange.Outbox;

/// <summary>
/// An outgoing AS4 user message to write to the outbox in the same transaction as the business change that causes
/// it. <see cref="MessageId"/> is the ebMS message id and is unique: enqueueing it twice stores it once.
/// </summary>
public sealed record OutboxMessage
{
    public required string MessageId { get; init; }

    /// <summary>The destination node's country code (e.g. <c>KE</c>).</summary>
    public required string Partner { get; init; }

    public required string Service { get; init; }

    public required string Action { get; init; }

    public required string ConversationId { get; init; }

    public string? RefToMessageId { get; init; }

    public required ReadOnlyMemory<byte> Payload { get; init; }

    public required string PayloadContentType { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>The earliest first attempt; <see cref="CreatedAt"/> when not set.</summary>
    public DateTimeOffset? NotBefore { get; init; }
}
