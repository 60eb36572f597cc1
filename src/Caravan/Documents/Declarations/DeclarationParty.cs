using Caravan.Documents.Common;

namespace Caravan.Documents.Declarations;

/// <summary>A party of the declaration: identification (EORI, TIN, BIN...), name and address (WCO DM party classes).</summary>
public sealed record DeclarationParty
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public IReadOnlyList<string> AddressLines { get; init; } = [];

    public string? City { get; init; }

    public string? PostalCode { get; init; }

    public CountryCode? Country { get; init; }

    public bool Equals(DeclarationParty? other) =>
        other is not null && Id == other.Id && Name == other.Name && AddressLines.SequenceEqual(other.AddressLines)
        && City == other.City && PostalCode == other.PostalCode && Country == other.Country;

    public override int GetHashCode() => HashCode.Combine(Id, Name, City, Country);
}
