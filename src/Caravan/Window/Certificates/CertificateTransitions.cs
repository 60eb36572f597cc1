namespace Caravan.Window.Certificates;

/// <summary>
/// The allowed status moves of a certificate, and which side of the border may make each. Anything else is a
/// conflict. Revoked, replaced, rejected and acquitted are final.
/// </summary>
public static class CertificateTransitions
{
    public static bool IsFinal(CertificateStatus status) =>
        status is CertificateStatus.Revoked or CertificateStatus.Replaced or CertificateStatus.Rejected or CertificateStatus.Acquitted;

    public static bool IsAllowed(CertificateStatus from, CertificateStatus to) => !IsFinal(from) && to switch
    {
        CertificateStatus.Sent => from == CertificateStatus.Issued,
        CertificateStatus.Inspected => from is CertificateStatus.Issued or CertificateStatus.Sent or CertificateStatus.Received,
        CertificateStatus.Accepted => from is CertificateStatus.Issued or CertificateStatus.Sent or CertificateStatus.Received or CertificateStatus.Inspected,
        CertificateStatus.PartiallyUtilized => from is CertificateStatus.Issued or CertificateStatus.Sent or CertificateStatus.Received
            or CertificateStatus.Inspected or CertificateStatus.Accepted or CertificateStatus.PartiallyUtilized,
        CertificateStatus.Utilized => from is CertificateStatus.Issued or CertificateStatus.Sent or CertificateStatus.Received
            or CertificateStatus.Inspected or CertificateStatus.Accepted or CertificateStatus.PartiallyUtilized,
        CertificateStatus.Acquitted => from is CertificateStatus.Sent or CertificateStatus.Received or CertificateStatus.Inspected or CertificateStatus.Accepted
            or CertificateStatus.PartiallyUtilized or CertificateStatus.Utilized,
        CertificateStatus.Rejected => from is CertificateStatus.Issued or CertificateStatus.Sent or CertificateStatus.Received or CertificateStatus.Inspected,
        CertificateStatus.Revoked or CertificateStatus.Replaced => true,
        _ => false,
    };

    /// <summary>True for the statuses the importing side decides (the issuer only learns them by business response).</summary>
    public static bool IsImporterDecision(CertificateStatus status) => status is CertificateStatus.Inspected or CertificateStatus.Accepted or CertificateStatus.Rejected
        or CertificateStatus.PartiallyUtilized or CertificateStatus.Utilized or CertificateStatus.Acquitted;

    /// <summary>True for the statuses the issuing side decides.</summary>
    public static bool IsIssuerDecision(CertificateStatus status) => status is CertificateStatus.Revoked or CertificateStatus.Replaced;
}
