using System.Text.Json;
using System.Text.Json.Serialization;
using Caravan.Documents.Common.Json;

namespace Caravan.Documents.Common;

/// <summary>Reads and writes <see cref="Quantity"/> as <c>{"value": number, "unit": "KGM"}</c>.</summary>
internal sealed class QuantityJsonConverter : JsonConverter<Quantity>
{
    public override Quantity Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw DocumentValueJsonException.WrongToken(JsonTokenType.StartObject, reader.TokenType);
        }
        decimal? amount = null;
        string? unit = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("value"u8))
            {
                reader.Read();
                amount = reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out var value)
                    ? value
                    : throw DocumentValueJsonException.WrongToken(JsonTokenType.Number, reader.TokenType);
            }
            else if (reader.ValueTextEquals("unit"u8))
            {
                reader.Read();
                unit = reader.TokenType == JsonTokenType.String
                    ? reader.GetString()
                    : throw DocumentValueJsonException.WrongToken(JsonTokenType.String, reader.TokenType);
            }
            else
            {
                throw new DocumentValueJsonException("json.unknown_property", $"Unknown property '{reader.GetString()}' in a quantity.");
            }
        }
        if (amount is null || unit is null)
        {
            throw new DocumentValueJsonException("required", "A quantity needs both 'value' and 'unit'.");
        }
        var result = Quantity.Create(amount.Value, unit);
        return result.IsSuccess ? result.Value : throw DocumentValueJsonException.From(result.Error);
    }

    public override void Write(Utf8JsonWriter writer, Quantity value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        writer.WriteNumber("value"u8, value.Value);
        writer.WriteString("unit"u8, value.Unit);
        writer.WriteEndObject();
    }
}
