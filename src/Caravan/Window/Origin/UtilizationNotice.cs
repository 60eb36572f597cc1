using System.Text.Json;
using System.Text.Json.Serialization;

namespace Caravan.Window.Origin;

/// <summary>
/// The business response an importing node sends back to the issuer when customs uses a certificate against an
/// import declaration. Carried as the JSON payload of an AS4 user message (action UtilizationNotice) whose
/// RefToMessageId is the certificate's own message.
/// </summary>
public sealed record UtilizationNotice(
    string IssuingCountry,
    string CertificateNumber,
    string ImportingCountry,
    string UtilizationId,
    string DeclarationNumber,
    DateTimeOffset At,
    IReadOnlyList<UtilizationNoticeItem> Items)
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public byte[] ToUtf8Bytes() => JsonSerializer.SerializeToUtf8Bytes(this, Json);

    public static UtilizationNotice? TryParse(ReadOnlySpan<byte> utf8, out string? error)
    {
        try
        {
            var notice = JsonSerializer.Deserialize<UtilizationNotice>(utf8, Json);
            if (notice is null || string.IsNullOrEmpty(notice.CertificateNumber) || notice.Items is not { Count: > 0 })
            {
                error = "The utilization notice is empty or has no items.";
                return null;
            }
            error = null;
            return notice;
        }
        catch (JsonException ex)
        {
            error = $"The utilization notice is not valid JSON at {ex.Path}: {ex.Message}";
            return null;
        }
    }
}

public sealed record UtilizationNoticeItem(int ItemNumber, decimal Quantity);
