using System.Text.Json.Serialization;

namespace Caravan.Documents.Phyto;

/// <summary>
/// Source-generated System.Text.Json metadata for <see cref="PhytosanitaryCertificate"/>: camelCase names, nulls
/// omitted, unknown properties rejected. Add it to a <c>TypeInfoResolverChain</c> to bind certificates in APIs.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    RespectNullableAnnotations = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    MaxDepth = 24)]
[JsonSerializable(typeof(PhytosanitaryCertificate))]
[JsonSerializable(typeof(EphytoEnvelope))]
public sealed partial class PhytoJsonContext : JsonSerializerContext;
