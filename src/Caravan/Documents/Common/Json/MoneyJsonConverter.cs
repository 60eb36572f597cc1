using System.Text.Json;
using System.Text.Json.Serialization;
using Caravan.Documents.Common.Json;

namespace Caravan.Documents.Common;

/// <summary>Reads and writes <see cref="Money"/> as <c>{"amount": number, "currency": "XXX"}</c>.</summary>
internal sealed class MoneyJsonConverter : JsonConverter<Money>
{
    public override Money Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw DocumentValueJsonException.WrongToken(JsonTokenType.StartObject, reader.TokenType);
        }
        decimal? amount = null;
        string? currency = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("amount"u8))
            {
                reader.Read();
                amount = reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var value)
                    ? value
                    : throw DocumentValueJsonException.WrongToken(JsonTokenType.Number, reader.TokenType);
            }
            else if (reader.ValueTextEquals("currency"u8))
            {
                reader.Read();
                currency = reader.TokenType == JsonTokenType.String
                    ? reader.GetString()
                    : throw DocumentValueJsonException.WrongToken(JsonTokenType.String, reader.TokenType);
            }
            else
            {
                throw new DocumentValueJsonException("json.unknown_property", $"Unknown property '{reader.GetString()}' in a money amount.");
            }
        }
        if (amount is null || currency is null)
        {
            throw new DocumentValueJsonException("required", "A money amount needs both 'amount' and 'currency'.");
        }
        var result = Money.Create(amount.Value, currency);
        return result.IsSuccess ? result.Value : throw DocumentValueJsonException.From(result.Error);
    }

    public override void Write(Utf8JsonWriter writer, Money value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("amount"u8, value.Amount);
        writer.WriteString("currency"u8, value.Currency.Value);
        writer.WriteEndObject();
    }
}
