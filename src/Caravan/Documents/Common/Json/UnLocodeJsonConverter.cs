using System.Text.Json;
using System.Text.Json.Serialization;
using Caravan.Documents.Common.Json;

namespace Caravan.Documents.Common;

/// <summary>Writes a <see cref="UnLocode"/> as a plain JSON string and reads it back with its validation.</summary>
internal sealed class UnLocodeJsonConverter : JsonConverter<UnLocode>
{
    public override UnLocode Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw DocumentValueJsonException.WrongToken(JsonTokenType.String, reader.TokenType);
        }
        var result = UnLocode.Create(reader.GetString());
        return result.IsSuccess ? result.Value : throw DocumentValueJsonException.From(result.Error);
    }

    public override void Write(Utf8JsonWriter writer, UnLocode value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
