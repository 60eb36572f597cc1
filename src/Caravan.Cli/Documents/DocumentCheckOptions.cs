using Caravan.Documents.Origin;
using Caravan.Documents.Phyto;

namespace Caravan.Cli.Documents;

/// <summary>How <see cref="DocumentCheck"/> judges documents whose rules depend on context.</summary>
public sealed record DocumentCheckOptions
{
    /// <summary>The stage a certificate of origin is judged at (an application may lack the authority's certification).</summary>
    public CertificateOfOriginStage OriginStage { get; init; } = CertificateOfOriginStage.Issued;

    /// <summary>ePhyto XML: in <see cref="PhytoReadMode.Lenient"/> hub-schema deviations are warnings and the certificate is still checked.</summary>
    public PhytoReadMode PhytoMode { get; init; } = PhytoReadMode.Strict;

    /// <summary>
    /// Declarations: judge the declaration as lodged with this country's single window (ISO 3166-1 alpha-2), which
    /// fills in an export's country of export and an import's destination and refuses a declaration for another
    /// country, as the API does. Null judges the declaration alone.
    /// </summary>
    public string? NodeCountry { get; init; }
}
