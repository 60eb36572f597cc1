using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Caravan.Exchange.As4.Model;
using Caravan.Exchange.As4.Security;

namespace Caravan.Exchange.As4;

/// <summary>
/// A message to send: its envelope (built from a message unit, or a prepared receipt/error envelope), the
/// attachments in their original form, and how to protect it. Attachments whose eb:PartInfo says
/// CompressionType=application/gzip are compressed by the writer; the attachments are changed in place.
/// </summary>
public sealed record As4OutboundMessage(XmlDocument Envelope, IReadOnlyList<As4Attachment> Attachments)
{
    /// <summary>The user message the envelope was built from (its PayloadInfo drives compression), if any.</summary>
    public As4UserMessage? UserMessage { get; init; }

    /// <summary>Our certificate with its private key; null sends unsigned.</summary>
    public X509Certificate2? SigningCertificate { get; init; }

    /// <summary>The recipient's certificate; null sends unencrypted. Encrypted with <see cref="Security.WsEncryption"/>.</summary>
    public X509Certificate2? EncryptionCertificate { get; init; }

    /// <summary>Whether the content-encryption key may be reused for this recipient (see <see cref="ContentKeyReuse"/>); by default it is not.</summary>
    public ContentKeyReuse EncryptionKeyReuse { get; init; } = ContentKeyReuse.None;

    public static As4OutboundMessage For(As4MessageUnit unit, IReadOnlyList<As4Attachment>? attachments = null) =>
        new(As4EnvelopeSerializer.CreateEnvelope(unit), attachments ?? []) { UserMessage = unit as As4UserMessage };
}
