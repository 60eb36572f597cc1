namespace Caravan.Documents.Phyto;

/// <summary>
/// The consignment (<c>SPSConsignment</c>): consignor and consignee, export, import and transit countries, the
/// declared point of entry, the examination place, the main carriage, the transport equipment and the line items.
/// </summary>
public sealed record PhytoConsignment
{
    public PhytoParty? Consignor { get; init; }

    public PhytoParty? Consignee { get; init; }

    public PhytoCountry? ExportCountry { get; init; }

    public PhytoCountry? ImportCountry { get; init; }

    public IReadOnlyList<PhytoCountry> TransitCountries { get; init; } = [];

    public PhytoLocation? UnloadingPort { get; init; }

    /// <summary>Where the consignment was examined (<c>ExaminationSPSEvent/OccurrenceSPSLocation/Name</c>).</summary>
    public string? ExaminationPlace { get; init; }

    public IReadOnlyList<PhytoTransportMovement> MainCarriages { get; init; } = [];

    public PhytoTransportEquipment? Equipment { get; init; }

    public IReadOnlyList<PhytoTradeLineItem> Items { get; init; } = [];

    public bool Equals(PhytoConsignment? other) =>
        other is not null
        && Consignor == other.Consignor
        && Consignee == other.Consignee
        && ExportCountry == other.ExportCountry
        && ImportCountry == other.ImportCountry
        && TransitCountries.SequenceEqual(other.TransitCountries)
        && UnloadingPort == other.UnloadingPort
        && ExaminationPlace == other.ExaminationPlace
        && MainCarriages.SequenceEqual(other.MainCarriages)
        && Equipment == other.Equipment
        && Items.SequenceEqual(other.Items);

    public override int GetHashCode() => HashCode.Combine(Consignor, Consignee, ExportCountry, ImportCountry, Items.Count);
}
