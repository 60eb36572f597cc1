namespace Caravan.Documents.Phyto;

/// <summary>
/// The consignor (exporter) or consignee: name, registrations and up to five address lines. The hub schema's
/// address has only <c>LineOne</c>..<c>LineFive</c>, so city and country are written inside the lines; the
/// party's country is the consignment's export or import country.
/// </summary>
public sealed record PhytoParty
{
    public string? Name { get; init; }

    public IReadOnlyList<PhytoPartyIdentifier> Identifiers { get; init; } = [];

    public IReadOnlyList<string> AddressLines { get; init; } = [];

    public bool Equals(PhytoParty? other) =>
        other is not null
        && Name == other.Name
        && Identifiers.SequenceEqual(other.Identifiers)
        && AddressLines.SequenceEqual(other.AddressLines);

    public override int GetHashCode() => HashCode.Combine(Name, Identifiers.Count, AddressLines.Count);
}
