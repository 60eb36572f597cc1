using System.Text.Json.Serialization;
using Caravan.Documents.Hs;

namespace Caravan.Documents.Common;

/// <summary>
/// A 6-digit Harmonized System subheading that exists in the HS 2022 nomenclature (written without dots,
/// e.g. <c>090111</c>). <c>default</c> is not a valid code.
/// </summary>
[JsonConverter(typeof(HsCodeJsonConverter))]
public readonly record struct HsCode
{
    private readonly string? _value;

    private HsCode(string value) => _value = value;

    /// <summary>The six digits.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The 2-digit chapter.</summary>
    public string Chapter => Value.Length == 6 ? Value[..2] : string.Empty;

    /// <summary>The 4-digit heading.</summary>
    public string Heading => Value.Length == 6 ? Value[..4] : string.Empty;

    /// <summary>The subheading's description in HS 2022.</summary>
    public string Description =>
        HsNomenclature.Hs2022.TryGetEntry(Value, out var entry) ? entry.Description : string.Empty;

    /// <summary>Makes an HS code, failing with <c>hs_code.format</c> (not six digits) or <c>hs_code.unknown</c>.</summary>
    public static ParseResult<HsCode> Create(string? text)
    {
        if (text is null || text.Length != 6 || !text.AsSpan().ContainsOnlyAsciiDigits())
        {
            return ParseResult<HsCode>.Failure("hs_code.format", "An HS code is a 6-digit subheading without dots.");
        }
        return HsNomenclature.Hs2022.TryGetEntry(text, out var entry) && entry.Level == HsLevel.Subheading
            ? ParseResult<HsCode>.Success(new HsCode(entry.Code))
            : ParseResult<HsCode>.Failure("hs_code.unknown", $"'{text}' is not a subheading of HS 2022.");
    }

    public static bool TryParse(string? text, out HsCode value) => Create(text).TryGetValue(out value);

    /// <summary>Makes a known-good code, throwing on bad input (for constants and tests).</summary>
    public static HsCode Of(string text) => Create(text).Value;

    public override string ToString() => Value;
}
