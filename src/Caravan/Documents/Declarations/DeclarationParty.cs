using Caravan.Documents.Common;

namespace Caravan.Documents.Declarations;

/// <summary>A party of the declaration: identification (EORI, TIN, BIN...), name and address (WCO DM party classes).</summary>
public sealed record DeclarationParty
{
    /// <summary><c>ID</c>: the party's identification, e.g. an EORI or TIN (WCO DM R0xx "party, coded" of each role).</summary>
    public string? Id { get; init; }

    /// <summary><c>Name</c> (WCO DM "party name" of each role).</summary>
    public string? Name { get; init; }

    /// <summary><c>Address/Line</c> (WCO DM 239 street and number / P.O. box).</summary>
    public IReadOnlyList<string> AddressLines { get; init; } = [];

    /// <summary><c>Address/CityName</c> (WCO DM 241).</summary>
    public string? City { get; init; }

    /// <summary><c>Address/PostcodeID</c> (WCO DM 245).</summary>
    public string? PostalCode { get; init; }

    /// <summary><c>Address/CountryCode</c> (WCO DM 242).</summary>
    public CountryCode? Country { get; init; }

    public bool Equals(DeclarationParty? other) =>
        other is not null && Id == other.Id && Name == other.Name && AddressLines.SequenceEqual(other.AddressLines)
        && City == other.City && PostalCode == other.PostalCode && Country == other.Country;

    public override int GetHashCode() => HashCode.Combine(Id, Name, City, Country);
}
