using Caravan.Documents.Common;

namespace Caravan.Documents.Declarations;

/// <summary>One goods item (<c>GovernmentAgencyGoodsItem</c>).</summary>
public sealed record DeclarationItem
{
    /// <summary><c>SequenceNumeric</c> (WCO DM 006).</summary>
    public int? SequenceNumber { get; init; }

    /// <summary><c>Commodity/Description</c> (WCO DM 137).</summary>
    public string? Description { get; init; }

    /// <summary>The HS 2022 subheading: the first six digits of the commodity code (WCO DM 145), when they are one.</summary>
    public HsCode? HsCode { get; init; }

    /// <summary>The full commodity code as declared (<c>Commodity/Classification/ID</c> of type TSP/HS; up to 10 digits with the national extension).</summary>
    public string? CommodityCode { get; init; }

    /// <summary>The quantity in the tariff's supplementary unit, or the net mass in KGM when none is given (<c>GoodsMeasure/TariffQuantity</c>, WCO DM 131).</summary>
    public Quantity? Quantity { get; init; }

    /// <summary><c>GoodsMeasure/GrossMassMeasure</c> in kg (WCO DM 126).</summary>
    public decimal? GrossMassKg { get; init; }

    /// <summary><c>GoodsMeasure/NetNetWeightMeasure</c> in kg (WCO DM 128).</summary>
    public decimal? NetMassKg { get; init; }

    /// <summary><c>StatisticalValueAmount</c> or <c>CustomsValueAmount</c> with its currency (WCO DM 114 / 116).</summary>
    public Money? Value { get; init; }

    /// <summary><c>Origin/CountryCode</c> (WCO DM 063).</summary>
    public CountryCode? OriginCountry { get; init; }

    /// <summary><c>Packaging/QuantityQuantity</c> (WCO DM 144).</summary>
    public int? PackageCount { get; init; }

    /// <summary><c>Packaging/TypeCode</c>, UNECE Rec 21 (WCO DM 141).</summary>
    public string? PackageTypeCode { get; init; }

    /// <summary><c>Packaging/MarksNumbersID</c> (WCO DM 142).</summary>
    public string? Marks { get; init; }

    /// <summary><c>GovernmentProcedure/CurrentCode</c> + <c>PreviousCode</c> (WCO DM G001/G002), e.g. 1040.</summary>
    public string? ProcedureCode { get; init; }

    /// <summary>The item's documents (licences, certificates, previous documents).</summary>
    public IReadOnlyList<DeclarationDocument> Documents { get; init; } = [];
}
