using Caravan.Documents.Common;

namespace Caravan.Documents.Declarations;

/// <summary>
/// A goods declaration (export, import or transit) in the WCO Data Model, as a trader lodges it once with the single
/// window: the declaration header, its parties, countries, transport and documents, and the goods items. Each property
/// names its WCO DMS element (the XML it is read from; docs/documents/declarations.md has the full mapping). Like the
/// other Caravan documents it may be incomplete (a draft); <see cref="DeclarationValidator"/> says whether it can be
/// lodged. Values inside it (countries, HS codes, money, quantities) are always well-formed.
/// </summary>
public sealed record CustomsDeclaration
{
    /// <summary>The declarant's own reference, the LRN (<c>FunctionalReferenceID</c>, WCO DM D026 functional reference number).</summary>
    public string? FunctionalReference { get; init; }

    /// <summary>The declaration type, first two letters of <c>TypeCode</c> (WCO DM D013 document name, coded): EX export, IM import, CO special fiscal territories, TR transit.</summary>
    public string? TypeCode { get; init; }

    /// <summary>The additional declaration type, third letter of <c>TypeCode</c> (A standard, D pre-lodged, Y supplementary...).</summary>
    public string? AdditionalTypeCode { get; init; }

    /// <summary><c>FunctionCode</c> (WCO DM 017 message function, coded): 9 original, 13 request about an earlier declaration (amendment, cancellation).</summary>
    public int? FunctionCode { get; init; }

    /// <summary><c>Declarant</c> (WCO DM 57B; R124 name, R123 identification).</summary>
    public DeclarationParty? Declarant { get; init; }

    /// <summary><c>Exporter</c> (WCO DM 57A; R031 name, R032 identification).</summary>
    public DeclarationParty? Exporter { get; init; }

    /// <summary><c>GoodsShipment/Consignee</c> (WCO DM 27A; R014 name, R015 identification).</summary>
    public DeclarationParty? Consignee { get; init; }

    /// <summary><c>GoodsShipment/Importer</c> (WCO DM 74A; R037 name, R038 identification).</summary>
    public DeclarationParty? Importer { get; init; }

    /// <summary><c>Agent</c>, the representative (WCO DM 05A; R003 name, R004 identification); absent when the declarant represents itself or is the representative.</summary>
    public DeclarationParty? Agent { get; init; }

    /// <summary><c>Agent/FunctionCode</c> (WCO DM 102 agent status, coded): in CDS 1 the declarant acts for itself, 2 direct, 3 indirect representation.</summary>
    public string? AgentStatusCode { get; init; }

    /// <summary><c>GoodsShipment/ExportCountry/ID</c>, country of dispatch or export (WCO DM 062 country of exportation, coded).</summary>
    public CountryCode? ExportCountry { get; init; }

    /// <summary><c>GoodsShipment/Destination/CountryCode</c> (WCO DM 465 country of destination, coded).</summary>
    public CountryCode? DestinationCountry { get; init; }

    /// <summary><c>InvoiceAmount</c> with its <c>currencyID</c> (WCO DM 109 total invoice amount).</summary>
    public Money? InvoiceAmount { get; init; }

    /// <summary>The active means of transport crossing the border (<c>BorderTransportMeans</c>, WCO DM 15A).</summary>
    public DeclarationTransport? Transport { get; init; }

    /// <summary><c>GoodsShipment/Consignment/LoadingLocation/ID</c>, place of loading as a UN/LOCODE (WCO DM L010).</summary>
    public UnLocode? LoadingLocation { get; init; }

    /// <summary>Place of discharge or unloading as a UN/LOCODE (WCO DM <c>UnloadingLocation</c>, L012); not in the DMS declaration schema, so only JSON carries it.</summary>
    public UnLocode? DischargeLocation { get; init; }

    /// <summary><c>ExitOffice/ID</c> (WCO DM G005 office of exit, coded), for exports.</summary>
    public string? ExitOffice { get; init; }

    /// <summary>The office of entry or presentation (<c>PresentationOffice/ID</c>, WCO DM G015; else <c>SupervisingOffice/ID</c>, G012), for imports.</summary>
    public string? EntryOffice { get; init; }

    /// <summary>Documents of the whole declaration (<c>AdditionalDocument</c> of the declaration, <c>GoodsShipment/PreviousDocument</c> and <c>AdditionalDocument</c>; WCO DM 02A, 99A).</summary>
    public IReadOnlyList<DeclarationDocument> Documents { get; init; } = [];

    /// <summary><c>GoodsShipment/GovernmentAgencyGoodsItem</c> (WCO DM 68A), in order.</summary>
    public IReadOnlyList<DeclarationItem> Items { get; init; } = [];
}
