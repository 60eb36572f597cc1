namespace Caravan.Exchange.Gateway;

/// <summary>How one delivery attempt ended.</summary>
public enum SendOutcomeKind
{
    /// <summary>The partner answered with a valid signed receipt for this message.</summary>
    Delivered,

    /// <summary>A transient failure (network, timeout, 5xx, unreadable answer): try again later.</summary>
    Retry,

    /// <summary>The partner refused the message with an ebMS error (e.g. failed authentication): retrying the same bytes cannot help.</summary>
    Rejected,
}

/// <summary>The result of one delivery attempt, with the receipt bytes when delivered.</summary>
public sealed record SendOutcome(SendOutcomeKind Kind, string Detail, ReadOnlyMemory<byte>? Receipt = null, string? ErrorCode = null)
{
    public static SendOutcome Delivered(ReadOnlyMemory<byte> receipt, string detail) => new(SendOutcomeKind.Delivered, detail, receipt);

    public static SendOutcome Retry(string detail) => new(SendOutcomeKind.Retry, detail);

    public static SendOutcome Rejected(string errorCode, string detail) => new(SendOutcomeKind.Rejected, detail, null, errorCode);
}
