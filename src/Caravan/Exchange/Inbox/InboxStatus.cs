namespace Caravan.Exchange.Inbox;

/// <summary>What the node has done with a received message.</summary>
public enum InboxStatus
{
    /// <summary>Stored and acknowledged; business processing has not finished.</summary>
    Received,

    /// <summary>Handed to and accepted by the business module.</summary>
    Processed,

    /// <summary>Refused by the business module (the refusal is reported to the sender separately).</summary>
    Rejected,
}
