using Caravan.Documents.Common;

namespace Caravan.Documents.Phyto;

/// <summary>
/// One commodity of the consignment (<c>IncludedSPSTradeLineItem</c>): description, common and botanical
/// (scientific) names, intended use, weights and volumes, item notes (marks, additional declarations), commodity
/// classifications (HS, EPPO, IPPC classes), packages, places of origin and treatments.
/// </summary>
public sealed record PhytoTradeLineItem
{
    public int? SequenceNumber { get; init; }

    public IReadOnlyList<LocalizedText> Descriptions { get; init; } = [];

    public IReadOnlyList<LocalizedText> CommonNames { get; init; } = [];

    /// <summary>The botanical names (genus, species...) of the plants or plant products.</summary>
    public IReadOnlyList<LocalizedText> ScientificNames { get; init; } = [];

    public IReadOnlyList<LocalizedText> IntendedUses { get; init; } = [];

    public Quantity? NetWeight { get; init; }

    public Quantity? GrossWeight { get; init; }

    public Quantity? NetVolume { get; init; }

    public Quantity? GrossVolume { get; init; }

    public IReadOnlyList<PhytoNote> Notes { get; init; } = [];

    public IReadOnlyList<PhytoClassification> Classifications { get; init; } = [];

    public IReadOnlyList<PhytoPackage> Packages { get; init; } = [];

    public IReadOnlyList<PhytoOrigin> Origins { get; init; } = [];

    public IReadOnlyList<PhytoTreatment> Treatments { get; init; } = [];

    public bool Equals(PhytoTradeLineItem? other) =>
        other is not null
        && SequenceNumber == other.SequenceNumber
        && Descriptions.SequenceEqual(other.Descriptions)
        && CommonNames.SequenceEqual(other.CommonNames)
        && ScientificNames.SequenceEqual(other.ScientificNames)
        && IntendedUses.SequenceEqual(other.IntendedUses)
        && NetWeight == other.NetWeight
        && GrossWeight == other.GrossWeight
        && NetVolume == other.NetVolume
        && GrossVolume == other.GrossVolume
        && Notes.SequenceEqual(other.Notes)
        && Classifications.SequenceEqual(other.Classifications)
        && Packages.SequenceEqual(other.Packages)
        && Origins.SequenceEqual(other.Origins)
        && Treatments.SequenceEqual(other.Treatments);

    public override int GetHashCode() => HashCode.Combine(SequenceNumber, Descriptions.Count, ScientificNames.Count, NetWeight);
}
