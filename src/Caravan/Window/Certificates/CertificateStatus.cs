namespace Caravan.Window.Certificates;

/// <summary>
/// One status model for every certificate type (origin, phytosanitary, veterinary, conformity), on both sides of
/// the border. The issuer moves a certificate through issued and sent, and may revoke or replace it; the importing
/// side receives it, accepts or rejects it, uses it (partially, then wholly) and acquits it. Every change made on one
/// side travels to the other as a signed business response, so both show the same history. An application not yet
/// issued is a draft of its own workflow (e.g. an origin application), not a stored certificate.
/// </summary>
public enum CertificateStatus
{
    Issued,
    Sent,
    Received,

    /// <summary>The importing agency inspected the consignment the certificate covers (an import decision of its own).</summary>
    Inspected,
    Accepted,
    PartiallyUtilized,
    Utilized,
    Acquitted,
    Rejected,
    Revoked,
    Replaced,
}
