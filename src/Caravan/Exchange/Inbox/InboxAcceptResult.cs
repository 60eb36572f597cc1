namespace Caravan.Exchange.Inbox;

/// <summary>
/// The outcome of offering a received message to the inbox: new (stored now, process it) or a duplicate of a
/// message stored earlier, in which case <see cref="StoredReceipt"/> is the receipt answered then, to be answered
/// again unchanged.
/// </summary>
public sealed record InboxAcceptResult
{
    private InboxAcceptResult(bool isDuplicate, InboxStatus status, ReadOnlyMemory<byte>? storedReceipt)
    {
        IsDuplicate = isDuplicate;
        Status = status;
        StoredReceipt = storedReceipt;
    }

    public bool IsDuplicate { get; }

    public bool IsNew => !IsDuplicate;

    /// <summary>The stored message's status (<see cref="InboxStatus.Received"/> for a new one).</summary>
    public InboxStatus Status { get; }

    /// <summary>The receipt stored with the message, if any (for a new message: the one passed in).</summary>
    public ReadOnlyMemory<byte>? StoredReceipt { get; }

    internal static InboxAcceptResult Accepted(ReadOnlyMemory<byte>? receipt) => new(false, InboxStatus.Received, receipt);

    internal static InboxAcceptResult Duplicate(InboxStatus status, ReadOnlyMemory<byte>? receipt) => new(true, status, receipt);
}
