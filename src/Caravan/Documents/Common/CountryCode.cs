using System.Text.Json.Serialization;

namespace Caravan.Documents.Common;

/// <summary>
/// An ISO 3166-1 alpha-2 country code (two upper-case letters) that is officially assigned. Lower-case input
/// is rejected rather than normalised, so the text form is canonical. <c>default</c> is not a valid code.
/// </summary>
[JsonConverter(typeof(CountryCodeJsonConverter))]
public readonly record struct CountryCode
{
    private readonly string? _value;

    private CountryCode(string value) => _value = value;

    /// <summary>The two-letter code, e.g. <c>TH</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Makes a country code, failing with <c>country_code.format</c> or <c>country_code.unknown</c>.</summary>
    public static ParseResult<CountryCode> Create(string? text)
    {
        if (text is null || text.Length != 2 || !char.IsAsciiLetterUpper(text[0]) || !char.IsAsciiLetterUpper(text[1]))
        {
            return ParseResult<CountryCode>.Failure(
                "country_code.format", "A country code is two upper-case letters (ISO 3166-1 alpha-2).");
        }
        return Iso3166Countries.Lookup.TryGetValue(text.AsSpan(), out var code)
            ? ParseResult<CountryCode>.Success(new CountryCode(code))
            : ParseResult<CountryCode>.Failure("country_code.unknown", $"'{text}' is not an assigned ISO 3166-1 alpha-2 code.");
    }

    public static bool TryParse(string? text, out CountryCode value) => Create(text).TryGetValue(out value);

    /// <summary>Makes a known-good code from code, throwing on bad input (for constants and tests).</summary>
    public static CountryCode Of(string text) => Create(text).Value;

    public override string ToString() => Value;
}
