using Caravan.Documents.Common;

namespace Caravan.Documents.Acdd;

/// <summary>One goods item of the ACDD.</summary>
public sealed record AcddItem
{
    /// <summary>14: the item's serial number in the export declaration (WCO DM 006, goods item sequence number).</summary>
    public int? ItemNumber { get; init; }

    /// <summary>8: the HS code, 6 digits (WCO DM 145, commodity classification).</summary>
    public HsCode? HsCode { get; init; }

    /// <summary>9-10: the quantity and its UNECE Rec 20 unit (WCO DM 131 / 130, supplementary quantity).</summary>
    public Quantity? Quantity { get; init; }

    /// <summary>11: the country of origin of the goods (WCO DM 063).</summary>
    public CountryCode? OriginCountry { get; init; }

    /// <summary>The goods description (WCO DM 137); beyond the fifteen elements.</summary>
    public string? Description { get; init; }

    /// <summary>The item's declared value with its currency (WCO DM 114, statistical value); beyond the fifteen elements.</summary>
    public Money? Value { get; init; }
}
