namespace Caravan.Documents.Phyto;

/// <summary>
/// The authorised officer's authentication (<c>SignatorySPSAuthentication</c>): when and where the certificate was
/// signed, the providing organisation and the officer's name, and the certification clauses.
/// </summary>
public sealed record PhytoSignatory
{
    public PhytoDateTime? ActualDateTime { get; init; }

    /// <summary>The place of issue (<c>IssueSPSLocation/Name</c>).</summary>
    public string? PlaceName { get; init; }

    /// <summary>The organisation providing the signatory (<c>ProviderSPSParty/Name</c>), usually the NPPO.</summary>
    public string? ProviderName { get; init; }

    /// <summary>The name of the authorised officer (<c>SpecifiedSPSPerson/Name</c>).</summary>
    public string? OfficerName { get; init; }

    public IReadOnlyList<PhytoClause> Clauses { get; init; } = [];

    public bool Equals(PhytoSignatory? other) =>
        other is not null
        && ActualDateTime == other.ActualDateTime
        && PlaceName == other.PlaceName
        && ProviderName == other.ProviderName
        && OfficerName == other.OfficerName
        && Clauses.SequenceEqual(other.Clauses);

    public override int GetHashCode() => HashCode.Combine(ActualDateTime, PlaceName, OfficerName, Clauses.Count);
}
