using Caravan.Documents.Common;

namespace Caravan.Documents.Acdd;

/// <summary>
/// The ASEAN Customs Declaration Document (ACDD): the fifteen data elements of a released export declaration that the
/// exporting country's customs sends the importing country's customs before the goods arrive, as input to its risk
/// management. Numbers in the comments are the ACDD element numbers; each names its WCO Data Model counterpart
/// (docs/documents/acdd.md). Caravan adds the item's description and value, which the importing side compares too.
/// </summary>
public sealed record AdvanceCustomsDeclaration
{
    /// <summary>The exporting country (the sender; WCO DM 062, export country).</summary>
    public CountryCode? ExportCountry { get; init; }

    /// <summary>The importing country (the receiver; WCO DM 014, destination country).</summary>
    public CountryCode? ImportCountry { get; init; }

    /// <summary>15: the export declaration's (permit's) number (WCO DM D014, the declaration's functional reference / LRN).</summary>
    public string? ExportDeclarationNumber { get; init; }

    /// <summary>1-2: the exporter's identification number and name (WCO DM R031 / R030).</summary>
    public AcddParty? Exporter { get; init; }

    /// <summary>3-4: the consignee's name and address (WCO DM R014 / R015).</summary>
    public AcddParty? Consignee { get; init; }

    /// <summary>5-6: the declaring agent's identification number and name (WCO DM R042 / R041); absent when the exporter declared itself.</summary>
    public AcddParty? Agent { get; init; }

    /// <summary>7: the departure date (WCO DM T005, date of departure of the means of transport).</summary>
    public DateOnly? DepartureDate { get; init; }

    /// <summary>12: the outward transport mode, UNECE Recommendation 19 (WCO DM T006, mode of transport at the border).</summary>
    public int? TransportMode { get; init; }

    /// <summary>13: the port or place of discharge, UN/LOCODE (WCO DM L012, place of discharge).</summary>
    public UnLocode? PortOfDischarge { get; init; }

    /// <summary>8-11 and 14, per goods item.</summary>
    public IReadOnlyList<AcddItem> Items { get; init; } = [];

    /// <summary>When the exporting customs released the export (not an ACDD element; helps the importing officer).</summary>
    public DateTimeOffset? ReleasedAt { get; init; }
}
