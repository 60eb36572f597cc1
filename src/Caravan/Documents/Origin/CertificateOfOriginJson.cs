using System.Text.Json;
using Caravan.Documents.Common;
using Caravan.Documents.Common.Json;

namespace Caravan.Documents.Origin;

/// <summary>
/// The JSON format of a certificate of origin (camelCase, see docs/documents/certificate-of-origin.md).
/// Reading never throws for bad input: malformed JSON or a bad value gives one error with its path
/// (System.Text.Json stops at the first), and a well-formed certificate is then checked by
/// <see cref="CertificateOfOriginValidator"/>, which reports every business-rule error.
/// </summary>
public static class CertificateOfOriginJson
{
    public static byte[] ToUtf8Bytes(CertificateOfOrigin certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return JsonSerializer.SerializeToUtf8Bytes(certificate, CertificateOfOriginJsonContext.Default.CertificateOfOrigin);
    }

    public static string ToJson(CertificateOfOrigin certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return JsonSerializer.Serialize(certificate, CertificateOfOriginJsonContext.Default.CertificateOfOrigin);
    }

    public static void Write(Utf8JsonWriter writer, CertificateOfOrigin certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        JsonSerializer.Serialize(writer, certificate, CertificateOfOriginJsonContext.Default.CertificateOfOrigin);
    }

    /// <summary>Reads UTF-8 JSON and validates the certificate for <paramref name="stage"/>.</summary>
    public static DocumentResult<CertificateOfOrigin> Read(
        ReadOnlySpan<byte> utf8Json, CertificateOfOriginStage stage = CertificateOfOriginStage.Issued)
    {
        CertificateOfOrigin? certificate;
        try
        {
            certificate = JsonSerializer.Deserialize(utf8Json, CertificateOfOriginJsonContext.Default.CertificateOfOrigin);
        }
        catch (JsonException ex)
        {
            return new(null, [ToError(ex)]);
        }
        return Complete(certificate, stage);
    }

    /// <summary>Reads JSON text and validates the certificate for <paramref name="stage"/>.</summary>
    public static DocumentResult<CertificateOfOrigin> Read(
        string json, CertificateOfOriginStage stage = CertificateOfOriginStage.Issued)
    {
        ArgumentNullException.ThrowIfNull(json);
        CertificateOfOrigin? certificate;
        try
        {
            certificate = JsonSerializer.Deserialize(json, CertificateOfOriginJsonContext.Default.CertificateOfOrigin);
        }
        catch (JsonException ex)
        {
            return new(null, [ToError(ex)]);
        }
        return Complete(certificate, stage);
    }

    /// <summary>Reads UTF-8 JSON from a stream and validates the certificate for <paramref name="stage"/>.</summary>
    public static async Task<DocumentResult<CertificateOfOrigin>> ReadAsync(
        Stream utf8Json, CertificateOfOriginStage stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(utf8Json);
        CertificateOfOrigin? certificate;
        try
        {
            certificate = await JsonSerializer.DeserializeAsync(
                utf8Json, CertificateOfOriginJsonContext.Default.CertificateOfOrigin, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException ex)
        {
            return new(null, [ToError(ex)]);
        }
        return Complete(certificate, stage);
    }

    private static DocumentResult<CertificateOfOrigin> Complete(CertificateOfOrigin? certificate, CertificateOfOriginStage stage) =>
        certificate is null
            ? new(null, [new DocumentError(string.Empty, CertificateOfOriginErrorCodes.Required, "The document is JSON null.")])
            : new(certificate, CertificateOfOriginValidator.Validate(certificate, stage));

    private static DocumentError ToError(JsonException ex)
    {
        var code = ex is DocumentValueJsonException value ? value.Code : CertificateOfOriginErrorCodes.JsonInvalid;
        return new DocumentError(ToDottedPath(ex.Path), code, ex.Message)
        {
            Line = ex.LineNumber is { } line ? (int)line + 1 : null,
            Column = ex.BytePositionInLine is { } column ? (int)column + 1 : null,
        };
    }

    // System.Text.Json paths look like "$.items[2].hsCode" or "$['odd name']"; ours drop the "$." root.
    private static string ToDottedPath(string? path) => path switch
    {
        null or "$" => string.Empty,
        _ when path.StartsWith("$.", StringComparison.Ordinal) => path[2..],
        _ when path.StartsWith('$') => path[1..],
        _ => path,
    };
}
