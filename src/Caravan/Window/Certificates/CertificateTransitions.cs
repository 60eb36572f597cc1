namespace Caravan.Window.Certificates;

/// <summary>The allowed status moves of a certificate; anything else is a conflict.</summary>
public static class CertificateTransitions
{
    public static bool IsAllowed(CertificateStatus from, CertificateStatus to) => (from, to) switch
    {
        (CertificateStatus.Issued, CertificateStatus.Sent) => true,
        (CertificateStatus.Issued or CertificateStatus.Sent or CertificateStatus.Received, CertificateStatus.PartiallyUtilized) => true,
        (CertificateStatus.Issued or CertificateStatus.Sent or CertificateStatus.Received or CertificateStatus.PartiallyUtilized, CertificateStatus.Utilized) => true,
        (CertificateStatus.Issued or CertificateStatus.Sent or CertificateStatus.Received, CertificateStatus.Rejected) => true,
        (not CertificateStatus.Revoked, CertificateStatus.Revoked) => true,
        _ => false,
    };
}
