namespace Caravan.Exchange.Inbox;

/// <summary>The routing data of a received AS4 user message; its payload is passed separately so that it can stream.</summary>
public sealed record InboxMessage
{
    /// <summary>The sender's ebMS message id: the key of duplicate elimination.</summary>
    public required string MessageId { get; init; }

    /// <summary>The sending node's country code.</summary>
    public required string FromPartner { get; init; }

    public required string Service { get; init; }

    public required string Action { get; init; }

    public required string ConversationId { get; init; }

    public string? RefToMessageId { get; init; }

    public required DateTimeOffset ReceivedAt { get; init; }

    public required string PayloadContentType { get; init; }

    /// <summary>The status stored with the message: processed when the caller handles it in the same transaction.</summary>
    public InboxStatus Status { get; init; } = InboxStatus.Received;
}
