using System.Text.Json.Serialization;

namespace Caravan.Documents.Common;

/// <summary>
/// A UN/LOCODE location code: an assigned ISO 3166-1 country code followed by three upper-case letters or
/// digits, written without the space (e.g. <c>THBKK</c>). Only the shape and the country are checked, not the
/// UN/LOCODE register itself.
/// </summary>
[JsonConverter(typeof(UnLocodeJsonConverter))]
public readonly record struct UnLocode
{
    private readonly string? _value;

    private UnLocode(string value) => _value = value;

    /// <summary>The five characters.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>The country part.</summary>
    public CountryCode Country => CountryCode.Of(Value[..2]);

    /// <summary>Makes a location code, failing with <c>un_locode.format</c> or <c>un_locode.unknown_country</c>.</summary>
    public static ParseResult<UnLocode> Create(string? text)
    {
        if (text is null || text.Length != 5
            || !char.IsAsciiLetterUpper(text[0]) || !char.IsAsciiLetterUpper(text[1])
            || !IsLocationChar(text[2]) || !IsLocationChar(text[3]) || !IsLocationChar(text[4]))
        {
            return ParseResult<UnLocode>.Failure(
                "un_locode.format", "A UN/LOCODE is a 2-letter country code and 3 upper-case letters or digits, e.g. THBKK.");
        }
        if (!Iso3166Countries.Lookup.Contains(text.AsSpan(0, 2)))
        {
            return ParseResult<UnLocode>.Failure("un_locode.unknown_country", $"'{text[..2]}' in '{text}' is not an assigned country code.");
        }
        return ParseResult<UnLocode>.Success(new UnLocode(text));
    }

    public static bool TryParse(string? text, out UnLocode value) => Create(text).TryGetValue(out value);

    /// <summary>Makes a known-good code, throwing on bad input (for constants and tests).</summary>
    public static UnLocode Of(string text) => Create(text).Value;

    public override string ToString() => Value;

    private static bool IsLocationChar(char c) => char.IsAsciiLetterUpper(c) || char.IsAsciiDigit(c);
}
