using System.Text.Json;
using System.Text.Json.Serialization;
using Caravan.Documents.Common.Json;

namespace Caravan.Documents.Phyto;

/// <summary>Writes a <see cref="PhytoDateTime"/> as its text and reads it back with its validation.</summary>
internal sealed class PhytoDateTimeJsonConverter : JsonConverter<PhytoDateTime>
{
    public override PhytoDateTime Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw DocumentValueJsonException.WrongToken(JsonTokenType.String, reader.TokenType);
        }
        var result = PhytoDateTime.Create(reader.GetString());
        return result.IsSuccess ? result.Value : throw DocumentValueJsonException.From(result.Error);
    }

    public override void Write(Utf8JsonWriter writer, PhytoDateTime value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
