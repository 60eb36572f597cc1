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
    /// <summary>The declarant's own reference, the LRN (<c>FunctionalReferenceID</c>, WCO DM D026).</summary>
    public string? FunctionalReference { get; init; }

    /// <summary>The declaration type, first two letters of <c>TypeCode</c> (WCO DM D013): EX export, IM import, CO special fiscal territories, TR transit.</summary>
    public string? TypeCode { get; init; }

    /// <summary>The additional declaration type, third letter of <c>TypeCode</c> (A standard, D pre-lodged, Y supplementary...).</summary>
    public string? AdditionalTypeCode { get; init; }

    /// <summary><c>FunctionCode</c> (WCO DM 017): 9 original, 13 amendment, 1 cancellation.</summary>
    public int? FunctionCode { get; init; }

    /// <summary><c>Declarant</c> (WCO DM R037 name / R038 id).</summary>
    public DeclarationParty? Declarant { get; init; }

    /// <summary><c>Exporter</c> (WCO DM R030 / R031).</summary>
    public DeclarationParty? Exporter { get; init; }

    /// <summary><c>GoodsShipment/Consignee</c> (WCO DM R014 / R015).</summary>
    public DeclarationParty? Consignee { get; init; }

    /// <summary><c>GoodsShipment/Importer</c> (WCO DM R038 / R039).</summary>
    public DeclarationParty? Importer { get; init; }

    /// <summary><c>Agent</c>, the representative (WCO DM R041 / R042).</summary>
    public DeclarationParty? Agent { get; init; }

    /// <summary><c>GoodsShipment/ExportCountry/ID</c>, country of dispatch or export (WCO DM 062).</summary>
    public CountryCode? ExportCountry { get; init; }

    /// <summary><c>GoodsShipment/Destination/CountryCode</c> (WCO DM 014).</summary>
    public CountryCode? DestinationCountry { get; init; }

    /// <summary><c>InvoiceAmount</c> with its <c>currencyID</c> (WCO DM 504).</summary>
    public Money? InvoiceAmount { get; init; }

    public DeclarationTransport? Transport { get; init; }

    /// <summary><c>GoodsShipment/Consignment/LoadingLocation/ID</c>, UN/LOCODE (WCO DM L016).</summary>
    public UnLocode? LoadingLocation { get; init; }

    /// <summary>Place of discharge / unloading, UN/LOCODE (WCO DM L012; <c>GoodsShipment/Consignment/UnloadingLocation</c>).</summary>
    public UnLocode? DischargeLocation { get; init; }

    /// <summary><c>ExitOffice/ID</c> (WCO DM G011), for exports.</summary>
    public string? ExitOffice { get; init; }

    /// <summary>The office of entry or presentation (<c>PresentationOffice/ID</c>, WCO DM G008), for imports.</summary>
    public string? EntryOffice { get; init; }

    /// <summary>Documents of the whole declaration (<c>AdditionalDocument</c>, <c>PreviousDocument</c> of the shipment).</summary>
    public IReadOnlyList<DeclarationDocument> Documents { get; init; } = [];

    /// <summary><c>GoodsShipment/GovernmentAgencyGoodsItem</c>, in order.</summary>
    public IReadOnlyList<DeclarationItem> Items { get; init; } = [];
}
