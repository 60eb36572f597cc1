using System.Text.Json.Serialization;

namespace Caravan.Documents.Origin;

/// <summary>
/// Source-generated System.Text.Json metadata for <see cref="CertificateOfOrigin"/>: camelCase names, nulls
/// omitted, unknown properties and nulls in non-nullable places rejected. Add it to an ASP.NET Core
/// <c>TypeInfoResolverChain</c> to bind certificates in minimal APIs.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    MaxDepth = 16)]
[JsonSerializable(typeof(CertificateOfOrigin))]
public sealed partial class CertificateOfOriginJsonContext : JsonSerializerContext;
