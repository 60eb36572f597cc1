using Caravan.Documents.Common;

namespace Caravan.Documents.Phyto;

/// <summary>A country of the consignment (export, import, transit): ISO 3166-1 code and optional name.</summary>
public sealed record PhytoCountry
{
    public CountryCode? Id { get; init; }

    public string? Name { get; init; }
}
