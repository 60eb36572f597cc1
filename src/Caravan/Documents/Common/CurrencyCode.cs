using System.Text.Json.Serialization;

namespace Caravan.Documents.Common;

/// <summary>
/// An ISO 4217 alphabetic currency code (three upper-case letters) from the built-in list of currencies usable
/// for pricing goods. <c>default</c> is not a valid code.
/// </summary>
[JsonConverter(typeof(CurrencyCodeJsonConverter))]
public readonly record struct CurrencyCode
{
    private readonly string? _value;

    private CurrencyCode(string value) => _value = value;

    /// <summary>The three-letter code, e.g. <c>USD</c>.</summary>
    public string Value => _value ?? string.Empty;

    /// <summary>Makes a currency code, failing with <c>currency_code.format</c> or <c>currency_code.unknown</c>.</summary>
    public static ParseResult<CurrencyCode> Create(string? text)
    {
        if (text is null || text.Length != 3 || !char.IsAsciiLetterUpper(text[0])
            || !char.IsAsciiLetterUpper(text[1]) || !char.IsAsciiLetterUpper(text[2]))
        {
            return ParseResult<CurrencyCode>.Failure(
                "currency_code.format", "A currency code is three upper-case letters (ISO 4217).");
        }
        return Iso4217Currencies.Lookup.TryGetValue(text.AsSpan(), out var code)
            ? ParseResult<CurrencyCode>.Success(new CurrencyCode(code))
            : ParseResult<CurrencyCode>.Failure("currency_code.unknown", $"'{text}' is not an ISO 4217 currency code accepted here.");
    }

    public static bool TryParse(string? text, out CurrencyCode value) => Create(text).TryGetValue(out value);

    /// <summary>Makes a known-good code, throwing on bad input (for constants and tests).</summary>
    public static CurrencyCode Of(string text) => Create(text).Value;

    public override string ToString() => Value;
}
