using System.Globalization;
using System.Text.Json.Serialization;

namespace Caravan.Documents.Common;

/// <summary>
/// An amount in an ISO 4217 currency. The decimal keeps its scale (<c>10.50</c> stays <c>10.50</c> through
/// JSON and XML). In JSON it is <c>{"amount": 10.50, "currency": "USD"}</c>.
/// </summary>
[JsonConverter(typeof(MoneyJsonConverter))]
public readonly record struct Money(decimal Amount, CurrencyCode Currency)
{
    /// <summary>Makes an amount from a currency text, failing with the <see cref="CurrencyCode"/> errors.</summary>
    public static ParseResult<Money> Create(decimal amount, string? currency)
    {
        var code = CurrencyCode.Create(currency);
        return code.IsSuccess
            ? ParseResult<Money>.Success(new Money(amount, code.Value))
            : ParseResult<Money>.Failure(code.Error.Code, code.Error.Message);
    }

    /// <summary>Parses <c>"USD 10.50"</c> (currency, one space, invariant decimal).</summary>
    public static bool TryParse(string? text, out Money value)
    {
        value = default;
        if (text is null || text.Length < 5 || text[3] != ' '
            || !decimal.TryParse(text.AsSpan(4), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
        {
            return false;
        }
        return Create(amount, text[..3]).TryGetValue(out value);
    }

    public override string ToString() => $"{Currency.Value} {Amount.ToString(CultureInfo.InvariantCulture)}";
}
