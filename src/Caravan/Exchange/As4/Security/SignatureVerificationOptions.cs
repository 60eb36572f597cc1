using System.Security.Cryptography.X509Certificates;

namespace Caravan.Exchange.As4.Security;

/// <summary>
/// Inputs of signature verification besides the message: certificates to resolve an IssuerSerial or
/// SubjectKeyIdentifier KeyInfo against, and the attachments whose content is still encrypted (their digests
/// cannot be checked, because AS4 signs before encrypting).
/// </summary>
public sealed record SignatureVerificationOptions
{
    public IReadOnlyList<X509Certificate2> CandidateCertificates { get; init; } = [];

    public IReadOnlySet<string> EncryptedAttachmentIds { get; init; } = new HashSet<string>();
}
