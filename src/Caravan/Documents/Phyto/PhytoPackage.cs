namespace Caravan.Documents.Phyto;

/// <summary>
/// Packaging at one level (<c>PhysicalSPSPackage</c>): level (1 outermost), UN/ECE Rec 21 type code (<c>BX</c>,
/// <c>BG</c>...) and the number of packages. Distinguishing marks travel as a <c>DMTLIL</c> item note.
/// </summary>
public sealed record PhytoPackage
{
    public int? LevelCode { get; init; }

    public string? TypeCode { get; init; }

    public decimal? Quantity { get; init; }
}
