namespace Caravan.Exchange.As4.Model;

/// <summary>An eb:UserMessage: the business message with its parties, collaboration info, properties and payload list.</summary>
public sealed record As4UserMessage(
    string MessageId,
    DateTimeOffset Timestamp,
    string? RefToMessageId,
    As4Party From,
    As4Party To,
    string Service,
    string Action,
    string ConversationId) : As4MessageUnit(MessageId, Timestamp, RefToMessageId)
{
    public override string Kind => "UserMessage";

    public string? ServiceType { get; init; }

    public string? AgreementRef { get; init; }

    public string? AgreementRefType { get; init; }

    /// <summary>The <c>pmode</c> attribute of eb:AgreementRef, naming the P-Mode the sender applied.</summary>
    public string? PModeId { get; init; }

    /// <summary>The message partition channel, or null for the default MPC.</summary>
    public string? Mpc { get; init; }

    public IReadOnlyList<As4Property> MessageProperties { get; init; } = [];

    public IReadOnlyList<As4PartInfo> PayloadInfo { get; init; } = [];
}
