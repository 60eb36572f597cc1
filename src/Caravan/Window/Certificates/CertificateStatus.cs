namespace Caravan.Window.Certificates;

/// <summary>
/// One status model for every certificate type, on both sides of the border. The issuer moves a certificate
/// through issued and sent; the importing side through received and its use; the importing side's changes come
/// back to the issuer as business responses so both show the same history.
/// </summary>
public enum CertificateStatus
{
    Issued,
    Sent,
    Received,
    PartiallyUtilized,
    Utilized,
    Rejected,
    Revoked,
}
