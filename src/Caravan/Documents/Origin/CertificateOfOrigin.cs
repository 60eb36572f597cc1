using Caravan.Documents.Common;

namespace Caravan.Documents.Origin;

/// <summary>
/// An electronic certificate of origin in the style of the ATIGA e-Form D: who exports what to whom, how it
/// travels, why each item originates, the exporter's declaration and the issuing authority's certification.
/// The record may be incomplete or break business rules (so that a reader can say everything that is wrong);
/// <see cref="CertificateOfOriginValidator"/> decides whether it is acceptable. Values inside it (country,
/// HS code, money...) are always well-formed. Equality is by value, including the item and address lists.
/// </summary>
public sealed record CertificateOfOrigin
{
    /// <summary>The issuing authority's reference number of the certificate.</summary>
    public string? CertificateNumber { get; init; }

    /// <summary>The trade agreement or preference scheme under which origin is claimed, e.g. <c>ATIGA</c>.</summary>
    public string? Agreement { get; init; }

    /// <summary>The country whose authority issues the certificate (the exporting country).</summary>
    public CountryCode? IssuingCountry { get; init; }

    /// <summary>The country the goods are exported to.</summary>
    public CountryCode? ImportingCountry { get; init; }

    public DateOnly? IssueDate { get; init; }

    public IssuingAuthority? IssuingAuthority { get; init; }

    public Party? Exporter { get; init; }

    public Party? Consignee { get; init; }

    /// <summary>The producer, when known and not confidential.</summary>
    public Party? Producer { get; init; }

    public TransportDetails? Transport { get; init; }

    public IReadOnlyList<CertificateItem> Items { get; init; } = [];

    public ExporterDeclaration? ExporterDeclaration { get; init; }

    /// <summary>The authority's certification; absent while the certificate is only applied for.</summary>
    public Certification? Certification { get; init; }

    public string? Remarks { get; init; }

    public bool Equals(CertificateOfOrigin? other) =>
        other is not null
        && CertificateNumber == other.CertificateNumber
        && Agreement == other.Agreement
        && IssuingCountry == other.IssuingCountry
        && ImportingCountry == other.ImportingCountry
        && IssueDate == other.IssueDate
        && IssuingAuthority == other.IssuingAuthority
        && Exporter == other.Exporter
        && Consignee == other.Consignee
        && Producer == other.Producer
        && Transport == other.Transport
        && Items.SequenceEqual(other.Items)
        && ExporterDeclaration == other.ExporterDeclaration
        && Certification == other.Certification
        && Remarks == other.Remarks;

    public override int GetHashCode() =>
        HashCode.Combine(CertificateNumber, IssuingCountry, IssueDate, Exporter, Items.Count);
}
