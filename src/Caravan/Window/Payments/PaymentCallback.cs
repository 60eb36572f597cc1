using System.Globalization;
using System.Text.Json;
using Caravan.Common;
using Caravan.Documents.Common;

namespace Caravan.Window.Payments;

/// <summary>
/// What a provider reports in a settlement callback: its own transaction id (unique per provider, the key retries are
/// deduplicated by), the order it believes it was paying, the amount and currency taken, and when. On the wire it is
/// the JSON object <c>{"providerTransactionId", "orderId", "amount", "currency", "paidAt"}</c> (amount a JSON number
/// with at most two decimals, paidAt an RFC 3339 instant); other members are ignored.
/// </summary>
public sealed record PaymentCallback(string ProviderTransactionId, string OrderId, Money Amount, DateTimeOffset PaidAt)
{
    /// <summary>Reads a callback body, naming each missing or bad member.</summary>
    public static Result<PaymentCallback> Parse(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException ex)
        {
            return Failure.Validation("payment_callback.json_invalid", "The callback body is not valid JSON.", [new FieldError("$", "json.invalid", ex.Message)]);
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return Failure.Validation("payment_callback.json_invalid", "The callback body is a JSON object.", [new FieldError("$", "json.invalid", "A JSON object is expected.")]);
            }
            var errors = new List<FieldError>();
            var transaction = Text(root, "providerTransactionId", errors);
            var orderId = Text(root, "orderId", errors);
            decimal amount = 0;
            if (!root.TryGetProperty("amount", out var amountElement) || amountElement.ValueKind != JsonValueKind.Number || !amountElement.TryGetDecimal(out amount))
            {
                errors.Add(new FieldError("amount", "required", "amount is a JSON number."));
            }
            else if (PaymentOrderStore.AmountProblem(amount) is { } problem)
            {
                errors.Add(new FieldError("amount", "payment_callback.amount", problem));
            }
            var currencyText = Text(root, "currency", errors);
            var currency = default(CurrencyCode);
            if (currencyText is not null && !CurrencyCode.TryParse(currencyText, out currency))
            {
                errors.Add(new FieldError("currency", "currency_code.invalid", "currency is an ISO 4217 code."));
            }
            var paidAtText = Text(root, "paidAt", errors);
            var paidAt = default(DateTimeOffset);
            if (paidAtText is not null && !DateTimeOffset.TryParse(paidAtText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out paidAt))
            {
                errors.Add(new FieldError("paidAt", "date_time.invalid", "paidAt is an RFC 3339 instant, e.g. 2026-09-17T10:15:00Z."));
            }
            return errors.Count > 0
                ? Failure.Validation("payment_callback.invalid", $"The callback has {errors.Count} invalid member(s).", errors)
                : new PaymentCallback(transaction!, orderId!, new Money(PaymentOrderStore.Normalise(amount), currency), paidAt.ToUniversalTime());
        }
    }

    /// <summary>The callback as a provider would send it (the fake provider's body).</summary>
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
    {
        ["providerTransactionId"] = ProviderTransactionId,
        ["orderId"] = OrderId,
        ["amount"] = Amount.Amount,
        ["currency"] = Amount.Currency.Value,
        ["paidAt"] = PaidAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
    });

    private static string? Text(JsonElement root, string name, List<FieldError> errors)
    {
        if (root.TryGetProperty(name, out var element) && element.ValueKind == JsonValueKind.String && element.GetString() is { Length: > 0 and <= 200 } text && !text.Any(char.IsControl))
        {
            return text;
        }
        errors.Add(new FieldError(name, "required", $"{name} is a string of 1-200 printable characters."));
        return null;
    }
}
