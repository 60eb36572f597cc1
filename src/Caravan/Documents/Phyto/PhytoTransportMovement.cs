namespace Caravan.Documents.Phyto;

/// <summary>
/// A leg of the main carriage (<c>MainCarriageSPSTransportMovement</c>): UN/ECE Rec 19 mode code (1 sea, 2 rail,
/// 3 road, 4 air, 5 mail...), the voyage or flight reference, and the means of transport's name.
/// </summary>
public sealed record PhytoTransportMovement
{
    public string? Id { get; init; }

    public int? ModeCode { get; init; }

    /// <summary>The vessel, flight or vehicle (<c>UsedSPSTransportMeans/Name</c>, a plain string in the hub schema).</summary>
    public string? MeansName { get; init; }
}
