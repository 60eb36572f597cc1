namespace Caravan.Exchange.Audit;

/// <summary>
/// A stored audit entry with its place in the chain: <see cref="Hash"/> is the SHA-256 (lower-case hex) of the
/// canonical encoding of the entry and <see cref="PrevHash"/>, the previous entry's hash (zeros for the first).
/// </summary>
public sealed record AuditRecord(
    long Seq,
    DateTimeOffset At,
    string Actor,
    string Kind,
    string? MessageId,
    string? Subject,
    string? DetailsJson,
    string PrevHash,
    string Hash);
