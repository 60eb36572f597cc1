using System.Text.Json.Serialization;

namespace Caravan.Documents.Declarations;

/// <summary>Source-generated JSON metadata for <see cref="CustomsDeclaration"/>: camelCase, nulls omitted, unknown members rejected.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    MaxDepth = 16)]
[JsonSerializable(typeof(CustomsDeclaration))]
public sealed partial class DeclarationJsonContext : JsonSerializerContext;
