using Caravan.Exchange.As4.Compression;
using Caravan.Exchange.As4.Mime;
using Caravan.Exchange.As4.Model;
using Caravan.Exchange.As4.Security;

namespace Caravan.Exchange.As4;

/// <summary>
/// Produces the wire form of an outbound AS4 message in the profile's order: compress (per PartInfo), sign,
/// encrypt (<see cref="WsEncryption"/>), then MIME multipart/related, streamed.
/// </summary>
public static class As4MessageWriter
{
    /// <summary>
    /// Compresses, signs and encrypts the message (changing the attachments in place) and returns it packaged, with
    /// its Content-Type known before the body is streamed, and the signed references to check the receipt against.
    /// </summary>
    public static async Task<As4PreparedMessage> PrepareAsync(As4OutboundMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.UserMessage is not null)
        {
            await CompressAsync(message.UserMessage, message.Attachments, cancellationToken).ConfigureAwait(false);
        }
        IReadOnlyList<As4ReceiptReference> references = [];
        if (message.SigningCertificate is not null)
        {
            var signed = await WsSecuritySigner.SignAsync(message.Envelope, message.Attachments, message.SigningCertificate, cancellationToken).ConfigureAwait(false);
            references = signed.References;
        }
        if (message.EncryptionCertificate is not null)
        {
            await WsEncryption.EncryptAsync(message.Envelope, message.Attachments, message.EncryptionCertificate, message.EncryptionKeyReuse, cancellationToken).ConfigureAwait(false);
        }
        return new As4PreparedMessage(As4MimeWriter.Package(message.Envelope, message.Attachments), references);
    }

    /// <summary>Prepares the message and streams it to <paramref name="output"/>.</summary>
    public static async Task<As4WriteResult> WriteAsync(As4OutboundMessage message, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var prepared = await PrepareAsync(message, cancellationToken).ConfigureAwait(false);
        await prepared.Package.WriteToAsync(output, cancellationToken).ConfigureAwait(false);
        return new As4WriteResult(prepared.Package.ContentType, prepared.SignedReferences);
    }

    /// <summary>Compresses each attachment whose PartInfo declares CompressionType=application/gzip.</summary>
    public static async Task CompressAsync(As4UserMessage userMessage, IReadOnlyList<As4Attachment> attachments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(userMessage);
        ArgumentNullException.ThrowIfNull(attachments);
        foreach (var part in userMessage.PayloadInfo)
        {
            if (!part.IsGzipCompressed || part.ContentId is not { } contentId)
            {
                continue;
            }
            var attachment = attachments.FirstOrDefault(a => string.Equals(a.ContentId, contentId, StringComparison.Ordinal))
                ?? throw new ArgumentException("PartInfo " + part.Href + " has no attachment.", nameof(attachments));
            await As4Compression.CompressAsync(attachment, cancellationToken).ConfigureAwait(false);
        }
    }
}
