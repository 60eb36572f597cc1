namespace Caravan.Exchange.Audit;

/// <summary>How the audit chain is broken.</summary>
public enum AuditViolationKind
{
    /// <summary>An entry's content no longer matches its hash: it was rewritten.</summary>
    HashMismatch,

    /// <summary>A sequence number is missing: an entry was deleted.</summary>
    MissingEntry,

    /// <summary>An entry's prev_hash is not the hash of the entry before it: entries were removed, reordered or re-chained.</summary>
    PrevHashMismatch,

    /// <summary>The newest entries recorded in the chain head are missing: the tail was deleted.</summary>
    MissingTail,

    /// <summary>The chain head does not match the newest entry (entries added or the head altered outside the log).</summary>
    HeadMismatch,
}
