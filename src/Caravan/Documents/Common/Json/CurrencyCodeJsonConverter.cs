using System.Text.Json;
using System.Text.Json.Serialization;
using Caravan.Documents.Common.Json;

namespace Caravan.Documents.Common;

/// <summary>Writes a <see cref="CurrencyCode"/> as a plain JSON string and reads it back with its validation.</summary>
internal sealed class CurrencyCodeJsonConverter : JsonConverter<CurrencyCode>
{
    public override CurrencyCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw DocumentValueJsonException.WrongToken(JsonTokenType.String, reader.TokenType);
        }
        var result = CurrencyCode.Create(reader.GetString());
        return result.IsSuccess ? result.Value : throw DocumentValueJsonException.From(result.Error);
    }

    public override void Write(Utf8JsonWriter writer, CurrencyCode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
