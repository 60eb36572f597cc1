using System.Text.Json;
using System.Text.Json.Serialization;

namespace Caravan.Exchange.As4.Inspection;

/// <summary>
/// What <c>caravan as4 inspect</c> prints: the message's identity and routing, whether it is signed/encrypted and
/// whether those checks passed (<see cref="SignatureValid"/> null = could not be checked for lack of a certificate),
/// its payloads, the problems found as ebMS error codes, and the signing certificate.
/// </summary>
public sealed record InspectionReport(
    string? MessageType,
    string? MessageId,
    string? RefToMessageId,
    string? From,
    string? To,
    string? Service,
    string? Action,
    bool Signed,
    bool Encrypted,
    bool? SignatureValid,
    bool? Decrypted,
    IReadOnlyList<InspectionPayload> Payloads,
    IReadOnlyList<InspectionError> Errors,
    InspectionCertificate? Certificate)
{
    private static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public string ToJson() => JsonSerializer.Serialize(this, JsonOptions);
}
