namespace Caravan.Documents.Phyto;

/// <summary>A numbered certification clause of the signatory's authentication (<c>IncludedSPSClause</c>).</summary>
public sealed record PhytoClause(int Id, string? Content = null);
