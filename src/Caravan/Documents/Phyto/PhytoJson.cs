using System.Text.Json;
using Caravan.Documents.Common;
using Caravan.Documents.Common.Json;

namespace Caravan.Documents.Phyto;

/// <summary>
/// The JSON form of an ePhyto certificate (camelCase, mirrors the model). Reading never throws for bad input:
/// malformed JSON or a bad value gives one error with its path, and a well-formed certificate is then checked by
/// <see cref="PhytoValidator"/>.
/// </summary>
public static class PhytoJson
{
    public static string ToJson(PhytosanitaryCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return JsonSerializer.Serialize(certificate, PhytoJsonContext.Default.PhytosanitaryCertificate);
    }

    public static byte[] ToUtf8Bytes(PhytosanitaryCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return JsonSerializer.SerializeToUtf8Bytes(certificate, PhytoJsonContext.Default.PhytosanitaryCertificate);
    }

    public static DocumentResult<PhytosanitaryCertificate> Read(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return Complete(JsonSerializer.Deserialize(utf8Json, PhytoJsonContext.Default.PhytosanitaryCertificate));
        }
        catch (JsonException ex)
        {
            return new(null, [ToError(ex)]);
        }
    }

    public static DocumentResult<PhytosanitaryCertificate> Read(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        try
        {
            return Complete(JsonSerializer.Deserialize(json, PhytoJsonContext.Default.PhytosanitaryCertificate));
        }
        catch (JsonException ex)
        {
            return new(null, [ToError(ex)]);
        }
    }

    private static DocumentResult<PhytosanitaryCertificate> Complete(PhytosanitaryCertificate? certificate) =>
        certificate is null
            ? new(null, [new DocumentError(string.Empty, PhytoErrorCodes.Required, "The document is JSON null.")])
            : new(certificate, PhytoValidator.Validate(certificate));

    private static DocumentError ToError(JsonException ex) =>
        new(ex.Path is null or "$" ? string.Empty : ex.Path.StartsWith("$.", StringComparison.Ordinal) ? ex.Path[2..] : ex.Path,
            ex is DocumentValueJsonException value ? value.Code : PhytoErrorCodes.JsonInvalid, ex.Message)
        {
            Line = ex.LineNumber is { } line ? (int)line + 1 : null,
            Column = ex.BytePositionInLine is { } column ? (int)column + 1 : null,
        };
}
