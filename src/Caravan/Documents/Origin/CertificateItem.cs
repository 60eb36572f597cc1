using Caravan.Documents.Common;

namespace Caravan.Documents.Origin;

/// <summary>One line of goods on the certificate, with its classification, origin criterion and value.</summary>
public sealed record CertificateItem
{
    /// <summary>The item's number on the certificate, unique and at least 1.</summary>
    public int? ItemNumber { get; init; }

    public string? MarksAndNumbers { get; init; }

    public PackageInfo? Packages { get; init; }

    public string? Description { get; init; }

    /// <summary>The HS 2022 subheading of the goods.</summary>
    public HsCode? HsCode { get; init; }

    public OriginCriterion? OriginCriterion { get; init; }

    public Quantity? Quantity { get; init; }

    /// <summary>Gross weight in kilograms.</summary>
    public decimal? GrossWeightKg { get; init; }

    public InvoiceReference? Invoice { get; init; }

    /// <summary>Free-on-board value of the item.</summary>
    public Money? FobValue { get; init; }
}
