using Caravan.Exchange.As4.Compression;
using Caravan.Exchange.As4.Mime;
using Caravan.Exchange.As4.Model;
using Caravan.Exchange.As4.Security;

namespace Caravan.Exchange.As4;

/// <summary>
/// Produces the wire form of an outbound AS4 message: compress (per PartInfo), sign, encrypt (through the
/// <see cref="IAs4Encryption"/> seam), then stream MIME multipart/related to the output.
/// </summary>
public static class As4MessageWriter
{
    public static async Task<As4WriteResult> WriteAsync(As4OutboundMessage message, Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(output);
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
            var encryption = message.Encryption ?? throw new InvalidOperationException("An encryption certificate was given but no IAs4Encryption implementation.");
            await encryption.EncryptAsync(message.Envelope, message.Attachments, message.EncryptionCertificate, cancellationToken).ConfigureAwait(false);
        }
        var contentType = await As4MimeWriter.WriteAsync(message.Envelope, message.Attachments, output, cancellationToken).ConfigureAwait(false);
        return new As4WriteResult(contentType, references);
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
