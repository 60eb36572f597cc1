using Caravan.Documents.Common;

namespace Caravan.Documents.Origin;

/// <summary>A trader named on the certificate (exporter, consignee or producer). Equality compares the address lines.</summary>
public sealed record Party
{
    public string? Name { get; init; }

    /// <summary>Street address lines, at most <see cref="CertificateOfOriginLimits.MaxAddressLines"/>.</summary>
    public IReadOnlyList<string> AddressLines { get; init; } = [];

    public string? City { get; init; }

    public string? PostalCode { get; init; }

    public CountryCode? Country { get; init; }

    /// <summary>A registration of the party, e.g. a tax or EORI number.</summary>
    public PartyIdentifier? Identifier { get; init; }

    public bool Equals(Party? other) =>
        other is not null
        && Name == other.Name
        && AddressLines.SequenceEqual(other.AddressLines)
        && City == other.City
        && PostalCode == other.PostalCode
        && Country == other.Country
        && Identifier == other.Identifier;

    public override int GetHashCode() => HashCode.Combine(Name, City, PostalCode, Country, Identifier, AddressLines.Count);
}
