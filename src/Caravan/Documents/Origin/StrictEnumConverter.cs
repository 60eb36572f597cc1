using System.Text.Json.Serialization;

namespace Caravan.Documents.Origin;

/// <summary>Enum as a JSON string (using <see cref="JsonStringEnumMemberNameAttribute"/> names), refusing numbers.</summary>
internal sealed class StrictEnumConverter<TEnum>() : JsonStringEnumConverter<TEnum>(namingPolicy: null, allowIntegerValues: false)
    where TEnum : struct, Enum;
