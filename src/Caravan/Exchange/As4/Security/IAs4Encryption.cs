using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace Caravan.Exchange.As4.Security;

/// <summary>
/// The seam to WS-Security encryption (implemented by WsEncryption): encrypts the attachments of a signed
/// envelope for a recipient, or decrypts them with our private key, rewriting the wsse:Security header and
/// replacing attachment contents in place.
/// </summary>
public interface IAs4Encryption
{
    Task EncryptAsync(XmlDocument envelope, IReadOnlyList<As4Attachment> attachments, X509Certificate2 recipient, CancellationToken cancellationToken);

    Task<As4DecryptionOutcome> DecryptAsync(XmlDocument envelope, IReadOnlyList<As4Attachment> attachments, X509Certificate2 recipientWithPrivateKey, CancellationToken cancellationToken);
}
