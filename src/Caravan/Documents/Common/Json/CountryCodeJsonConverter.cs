using System.Text.Json;
using System.Text.Json.Serialization;
using Caravan.Documents.Common.Json;

namespace Caravan.Documents.Common;

/// <summary>Writes a <see cref="CountryCode"/> as a plain JSON string and reads it back with its validation.</summary>
internal sealed class CountryCodeJsonConverter : JsonConverter<CountryCode>
{
    public override CountryCode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw DocumentValueJsonException.WrongToken(JsonTokenType.String, reader.TokenType);
        }
        var result = CountryCode.Create(reader.GetString());
        return result.IsSuccess ? result.Value : throw DocumentValueJsonException.From(result.Error);
    }

    public override void Write(Utf8JsonWriter writer, CountryCode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
