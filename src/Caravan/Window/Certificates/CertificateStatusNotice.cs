using System.Text.Json;
using System.Text.Json.Serialization;

namespace Caravan.Window.Certificates;

/// <summary>
/// The business response one node sends the other when a certificate's status changes on its side: the importing
/// side's acceptance, rejection, use (with the declaration and quantities drawn) or acquittal goes back to the issuer;
/// the issuer's revocation or replacement goes to the importing country. Carried as the JSON payload of an AS4 user
/// message (service <c>urn:caravan:services:certificates:1</c>, action <c>CertificateStatusNotice</c>) whose
/// RefToMessageId is the certificate's own message.
/// </summary>
public sealed record CertificateStatusNotice(
    string IssuingCountry,
    string CertificateNumber,
    string DocumentType,
    string Status,
    DateTimeOffset At,
    string? Reason,
    UtilizationDetails? Utilization,
    string? ReplacedBy)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public byte[] ToUtf8Bytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static CertificateStatusNotice? TryParse(ReadOnlySpan<byte> utf8, out string? error)
    {
        try
        {
            var notice = JsonSerializer.Deserialize<CertificateStatusNotice>(utf8, Json);
            if (notice is null || string.IsNullOrEmpty(notice.CertificateNumber) || !CertificateStatusNames.TryParse(notice.Status, out _))
            {
                error = "The status notice is empty or names an unknown status.";
                return null;
            }
            error = null;
            return notice;
        }
        catch (JsonException ex)
        {
            error = $"The status notice is not valid JSON at {ex.Path}: {ex.Message}";
            return null;
        }
    }
}

/// <summary>A use of a certificate against an import declaration: what was drawn from each item.</summary>
public sealed record UtilizationDetails(string UtilizationId, string DeclarationNumber, IReadOnlyList<ItemDrawdown> Items);
