using System.Text.Json;
using System.Text.Json.Serialization;

namespace Caravan.Node.Api;

/// <summary>The API's JSON conventions: camelCase members, snake_case enum strings, no unknown members silently dropped.</summary>
public sealed class ApiJson
{
    public JsonSerializerOptions Options { get; } = Create();

    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        return options;
    }
}
