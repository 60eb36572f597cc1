using Caravan.Documents.Common;

namespace Caravan.Documents.Acdd;

/// <summary>A party of the ACDD: identification number (TIN, BIN, EORI...), name, address lines and country.</summary>
public sealed record AcddParty
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<string> Address { get; init; } = [];

    public CountryCode? Country { get; init; }

    public bool Equals(AcddParty? other) =>
        other is not null && Id == other.Id && Name == other.Name && Address.SequenceEqual(other.Address) && Country == other.Country;

    public override int GetHashCode() => HashCode.Combine(Id, Name, Country);
}
