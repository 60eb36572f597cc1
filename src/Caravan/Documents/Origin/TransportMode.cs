using System.Text.Json.Serialization;

namespace Caravan.Documents.Origin;

/// <summary>Mode of transport; the numeric values are the UN/ECE Recommendation 19 codes.</summary>
[JsonConverter(typeof(StrictEnumConverter<TransportMode>))]
public enum TransportMode
{
    [JsonStringEnumMemberName("maritime")]
    Maritime = 1,

    [JsonStringEnumMemberName("rail")]
    Rail = 2,

    [JsonStringEnumMemberName("road")]
    Road = 3,

    [JsonStringEnumMemberName("air")]
    Air = 4,

    [JsonStringEnumMemberName("mail")]
    Mail = 5,

    [JsonStringEnumMemberName("multimodal")]
    Multimodal = 6,

    [JsonStringEnumMemberName("fixedInstallation")]
    FixedInstallation = 7,

    [JsonStringEnumMemberName("inlandWaterway")]
    InlandWaterway = 8,
}
