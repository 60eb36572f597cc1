namespace Caravan.Exchange.Audit;

/// <summary>
/// The newest entry's sequence number and hash (0 and zeros for an empty chain). Publishing it elsewhere from time to
/// time anchors the chain against a rewrite of the whole database.
/// </summary>
public sealed record AuditChainHead(long Seq, string Hash);
