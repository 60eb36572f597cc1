namespace Caravan.Exchange.Audit;

/// <summary>The outcome of walking the audit chain: intact, or the first violation found.</summary>
public sealed record AuditVerificationResult(long EntriesChecked, AuditChainHead Head, AuditViolation? FirstViolation)
{
    public bool IsIntact => FirstViolation is null;
}
