using System.Text.Json.Serialization;

namespace Caravan.Documents.Acdd;

/// <summary>Source-generated JSON metadata for <see cref="AdvanceCustomsDeclaration"/>: camelCase, nulls omitted, unknown members rejected.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    MaxDepth = 16)]
[JsonSerializable(typeof(AdvanceCustomsDeclaration))]
public sealed partial class AcddJsonContext : JsonSerializerContext;
