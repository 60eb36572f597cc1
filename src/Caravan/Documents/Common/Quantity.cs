using System.Globalization;
using System.Text.Json.Serialization;

namespace Caravan.Documents.Common;

/// <summary>
/// A measured or counted amount of goods with a UN/ECE Recommendation 20 unit code (<c>KGM</c>, <c>TNE</c>,
/// <c>C62</c>, <c>LTR</c>...). In JSON it is <c>{"value": 12.5, "unit": "KGM"}</c>. The built-in list of units
/// is short on purpose; see <see cref="IsKnownUnit"/>.
/// </summary>
[JsonConverter(typeof(QuantityJsonConverter))]
public readonly record struct Quantity
{
    private readonly string? _unit;

    private Quantity(decimal value, string unit)
    {
        Value = value;
        _unit = unit;
    }

    public decimal Value { get; }

    /// <summary>The UN/ECE Rec 20 unit code.</summary>
    public string Unit => _unit ?? string.Empty;

    /// <summary>Makes a quantity, failing with <c>unit_code.unknown</c> when the unit is not in the built-in list.</summary>
    public static ParseResult<Quantity> Create(decimal value, string? unit)
    {
        if (unit is null || !UneceUnits.Lookup.ContainsKey(unit.AsSpan()))
        {
            return ParseResult<Quantity>.Failure("unit_code.unknown", $"'{unit}' is not an accepted UN/ECE Rec 20 unit code.");
        }
        return ParseResult<Quantity>.Success(new Quantity(value, unit));
    }

    /// <summary>Parses <c>"12.5 KGM"</c> (invariant decimal, one space, unit code).</summary>
    public static bool TryParse(string? text, out Quantity value)
    {
        value = default;
        var space = text?.LastIndexOf(' ') ?? -1;
        if (text is null || space <= 0
            || !decimal.TryParse(text.AsSpan(0, space), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }
        return Create(amount, text[(space + 1)..]).TryGetValue(out value);
    }

    /// <summary>True when the unit code is in the built-in UN/ECE Rec 20 list.</summary>
    public static bool IsKnownUnit(string? unit) => unit is not null && UneceUnits.Names.ContainsKey(unit);

    /// <summary>The built-in unit codes and their English names.</summary>
    public static IReadOnlyDictionary<string, string> KnownUnits => UneceUnits.Names;

    public override string ToString() => $"{Value.ToString(CultureInfo.InvariantCulture)} {Unit}";
}
