namespace Caravan.Exchange.Audit;

/// <summary>Well-known values of <see cref="AuditEntry.Kind"/>; modules may add their own (lower-case, hyphenated).</summary>
public static class AuditKinds
{
    public const string Sent = "sent";
    public const string Received = "received";
    public const string Receipted = "receipted";
    public const string Rejected = "rejected";
    public const string Delivered = "delivered";
    public const string DeadLettered = "dead-lettered";
    public const string Requeued = "requeued";
    public const string StatusChanged = "status-changed";

    /// <summary>A delivery attempt failed and a retry is scheduled.</summary>
    public const string SendFailed = "send-failed";
}
