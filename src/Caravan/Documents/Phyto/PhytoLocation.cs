using Caravan.Documents.Common;

namespace Caravan.Documents.Phyto;

/// <summary>The declared point of entry (<c>UnloadingBaseportSPSLocation</c>): UN/LOCODE and name.</summary>
public sealed record PhytoLocation
{
    public UnLocode? Id { get; init; }

    public string? Name { get; init; }
}
