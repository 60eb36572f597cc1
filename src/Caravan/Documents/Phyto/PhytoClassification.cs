namespace Caravan.Documents.Phyto;

/// <summary>
/// A classification of a line item (<c>ApplicableSPSClassification</c>): the system (<c>HS</c>, <c>EPPO</c>, IPPC
/// commodity classes <c>IPPCPCVP</c>/<c>IPPCPCC</c>, see <see cref="PhytoCodes"/>), a code and names.
/// </summary>
public sealed record PhytoClassification
{
    public string? SystemName { get; init; }

    public string? ClassCode { get; init; }

    public IReadOnlyList<LocalizedText> ClassNames { get; init; } = [];

    public bool Equals(PhytoClassification? other) =>
        other is not null && SystemName == other.SystemName && ClassCode == other.ClassCode && ClassNames.SequenceEqual(other.ClassNames);

    public override int GetHashCode() => HashCode.Combine(SystemName, ClassCode, ClassNames.Count);
}
