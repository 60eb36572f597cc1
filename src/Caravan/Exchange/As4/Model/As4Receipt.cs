namespace Caravan.Exchange.As4.Model;

/// <summary>
/// An eb:Receipt signal acknowledging the user message <see cref="As4MessageUnit.RefToMessageId"/>. A
/// non-repudiation receipt lists the signature references of that message; <see cref="NonRepudiationNamespaceValid"/>
/// is false when the NRI element came in another namespace than ebbp-signals-2.0 (accepted, but noted).
/// </summary>
public sealed record As4Receipt(
    string MessageId,
    DateTimeOffset Timestamp,
    string? RefToMessageId,
    IReadOnlyList<As4ReceiptReference> NonRepudiationReferences) : As4MessageUnit(MessageId, Timestamp, RefToMessageId)
{
    public override string Kind => "Receipt";

    public bool NonRepudiationNamespaceValid { get; init; } = true;

    /// <summary>True when the receipt copies the eb:UserMessage instead of signature references (reception awareness only).</summary>
    public bool ContainsUserMessageCopy { get; init; }
}
