using Caravan.Documents.Common;

namespace Caravan.Documents.Declarations;

/// <summary>One goods item (<c>GovernmentAgencyGoodsItem</c>, WCO DM 68A).</summary>
public sealed record DeclarationItem
{
    /// <summary><c>SequenceNumeric</c> (WCO DM 006 sequence number).</summary>
    public int? SequenceNumber { get; init; }

    /// <summary><c>Commodity/Description</c> (WCO DM 137 description of goods).</summary>
    public string? Description { get; init; }

    /// <summary>The HS 2022 subheading: the first six digits of the commodity code (<c>Commodity/Classification/ID</c>, WCO DM 145), when they are one.</summary>
    public HsCode? HsCode { get; init; }

    /// <summary>The full commodity code as declared (<c>Commodity/Classification/ID</c> of type TSP/HS; up to 10 digits with the national extension).</summary>
    public string? CommodityCode { get; init; }

    /// <summary>The quantity in the tariff's supplementary unit, or the net mass in KGM when none is given (<c>GoodsMeasure/TariffQuantity</c>, WCO DM 130).</summary>
    public Quantity? Quantity { get; init; }

    /// <summary><c>GoodsMeasure/GrossMassMeasure</c> in kg (WCO DM 126 gross weight, item level).</summary>
    public decimal? GrossMassKg { get; init; }

    /// <summary><c>GoodsMeasure/NetNetWeightMeasure</c> in kg (WCO DM 128 net net weight).</summary>
    public decimal? NetMassKg { get; init; }

    /// <summary><c>StatisticalValueAmount</c> (WCO DM 114), else <c>CustomsValueAmount</c> (108), else <c>Commodity/InvoiceLine/ItemChargeAmount</c> (112), with its currency.</summary>
    public Money? Value { get; init; }

    /// <summary><c>Origin/CountryCode</c> (WCO DM 063 country of origin, coded).</summary>
    public CountryCode? OriginCountry { get; init; }

    /// <summary><c>Packaging/QuantityQuantity</c> (WCO DM 144 number of packages).</summary>
    public int? PackageCount { get; init; }

    /// <summary><c>Packaging/TypeCode</c>, UNECE Rec 21 (WCO DM 141 type of packages, coded).</summary>
    public string? PackageTypeCode { get; init; }

    /// <summary><c>Packaging/MarksNumbersID</c> (WCO DM 142 shipping marks).</summary>
    public string? Marks { get; init; }

    /// <summary><c>GovernmentProcedure/CurrentCode</c> + <c>PreviousCode</c> (WCO DM 166 / 161), e.g. 1040.</summary>
    public string? ProcedureCode { get; init; }

    /// <summary>The item's documents: licences, certificates of origin, phytosanitary certificates (<c>AdditionalDocument</c>) and previous documents (<c>PreviousDocument</c>).</summary>
    public IReadOnlyList<DeclarationDocument> Documents { get; init; } = [];
}
