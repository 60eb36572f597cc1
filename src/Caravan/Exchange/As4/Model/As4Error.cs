namespace Caravan.Exchange.As4.Model;

/// <summary>An ebMS error signal: a SignalMessage carrying one or more eb:Error elements.</summary>
public sealed record As4Error(
    string MessageId,
    DateTimeOffset Timestamp,
    string? RefToMessageId,
    IReadOnlyList<EbmsError> Errors) : As4MessageUnit(MessageId, Timestamp, RefToMessageId)
{
    public override string Kind => "Error";
}
