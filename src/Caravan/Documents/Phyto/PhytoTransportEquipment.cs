namespace Caravan.Documents.Phyto;

/// <summary>The container or other equipment (<c>UtilizedSPSTransportEquipment</c>) and its seal number.</summary>
public sealed record PhytoTransportEquipment
{
    public string? Id { get; init; }

    public string? SealNumber { get; init; }
}
