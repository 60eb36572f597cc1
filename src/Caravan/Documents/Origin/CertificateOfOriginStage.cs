namespace Caravan.Documents.Origin;

/// <summary>How far along a certificate is, which decides whether the authority's certification is required.</summary>
public enum CertificateOfOriginStage
{
    /// <summary>Applied for by the exporter; the certification may be absent.</summary>
    Application,

    /// <summary>Issued by the authority; the certification is required.</summary>
    Issued,
}
