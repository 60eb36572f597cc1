namespace Caravan.Exchange.Audit;

/// <summary>The first place where the audit chain is broken: the sequence number concerned and what is wrong.</summary>
public sealed record AuditViolation(long Seq, AuditViolationKind Kind, string Description);
