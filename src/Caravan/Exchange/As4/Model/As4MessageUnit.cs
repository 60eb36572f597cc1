namespace Caravan.Exchange.As4.Model;

/// <summary>
/// One ebMS3 message unit carried in the eb:Messaging header: a user message or a signal (receipt, error,
/// pull request). Every unit has an eb:MessageInfo with an id, a timestamp and an optional reference.
/// </summary>
public abstract record As4MessageUnit(string MessageId, DateTimeOffset Timestamp, string? RefToMessageId)
{
    /// <summary>The name used in reports: UserMessage, Receipt, Error or PullRequest.</summary>
    public abstract string Kind { get; }
}
