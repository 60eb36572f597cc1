using System.Collections.Frozen;

namespace Caravan.Documents.Common;

/// <summary>
/// The UN/ECE Recommendation 20 unit codes accepted for trade quantities: the usual mass, volume, length,
/// area, count and energy units. Deliberately short; extend it when a real document needs another unit.
/// </summary>
internal static class UneceUnits
{
    public static readonly FrozenDictionary<string, string> Names = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["KGM"] = "kilogram",
        ["GRM"] = "gram",
        ["MGM"] = "milligram",
        ["TNE"] = "tonne (metric ton)",
        ["LBR"] = "pound",
        ["ONZ"] = "ounce",
        ["CTM"] = "carat (metric)",
        ["LTR"] = "litre",
        ["MLT"] = "millilitre",
        ["HLT"] = "hectolitre",
        ["LPA"] = "litre of pure alcohol",
        ["GLL"] = "gallon (US)",
        ["BLL"] = "barrel (US)",
        ["MTQ"] = "cubic metre",
        ["MTR"] = "metre",
        ["CMT"] = "centimetre",
        ["MMT"] = "millimetre",
        ["KMT"] = "kilometre",
        ["MTK"] = "square metre",
        ["C62"] = "one (unit)",
        ["NAR"] = "number of articles",
        ["H87"] = "piece",
        ["PR"] = "pair",
        ["NPR"] = "number of pairs",
        ["DZN"] = "dozen",
        ["GRO"] = "gross",
        ["SET"] = "set",
        ["BX"] = "box",
        ["CEN"] = "hundred",
        ["MIL"] = "thousand",
        ["KWH"] = "kilowatt hour",
        ["MWH"] = "megawatt hour",
    }.ToFrozenDictionary(StringComparer.Ordinal);

    public static readonly FrozenDictionary<string, string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Names.GetAlternateLookup<ReadOnlySpan<char>>();
}
