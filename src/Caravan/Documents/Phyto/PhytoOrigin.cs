using Caravan.Documents.Common;

namespace Caravan.Documents.Phyto;

/// <summary>A place of origin of the goods: country, and optionally a region (<c>SubordinateSPSCountrySubDivision</c>).</summary>
public sealed record PhytoOrigin
{
    public CountryCode? Country { get; init; }

    public string? CountryName { get; init; }

    /// <summary>The region or area of production (e.g. a pest-free area).</summary>
    public string? RegionName { get; init; }

    public string? RegionLevelCode { get; init; }
}
