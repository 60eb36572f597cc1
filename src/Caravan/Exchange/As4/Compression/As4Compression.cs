using System.IO.Compression;
using System.IO.Pipelines;
using Caravan.Exchange.As4.Model;

namespace Caravan.Exchange.As4.Compression;

/// <summary>
/// AS4 payload compression: gzip of the attachment content, streamed through <see cref="PayloadContent"/>
/// (memory for small payloads, a temporary file for large ones). The part property MimeType keeps the
/// original type; the MIME part becomes application/gzip.
/// </summary>
public static class As4Compression
{
    public const string GzipContentType = "application/gzip";

    public static async Task CompressAsync(As4Attachment attachment, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        var pipe = new Pipe(new PipeOptions(pauseWriterThreshold: 1 << 20, resumeWriterThreshold: 1 << 19));
        var producer = ProduceAsync(attachment.Content, pipe.Writer, cancellationToken);
        PayloadContent compressed;
        await using (var reader = pipe.Reader.AsStream())
        {
            compressed = await PayloadContent.SpoolAsync(reader, cancellationToken).ConfigureAwait(false);
        }
        try
        {
            await producer.ConfigureAwait(false);
        }
        catch
        {
            compressed.Dispose();
            throw;
        }
        attachment.ReplaceContent(compressed);
        attachment.ContentType = GzipContentType;
    }

    private static async Task ProduceAsync(PayloadContent content, PipeWriter writer, CancellationToken cancellationToken)
    {
        try
        {
            await using (var output = writer.AsStream(leaveOpen: true))
            {
                await using var gzip = new GZipStream(output, CompressionLevel.Fastest, leaveOpen: true);
                await using var input = content.OpenRead();
                await input.CopyToAsync(gzip, cancellationToken).ConfigureAwait(false);
            }
            await writer.CompleteAsync().ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            await writer.CompleteAsync(ex).ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Decompresses in place; returns an EBMS:0303 DecompressionFailure error (and leaves the content as it was)
    /// when the bytes are not valid gzip.
    /// </summary>
    public static async Task<EbmsError?> DecompressAsync(As4Attachment attachment, string? originalMimeType, string? refToMessageId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attachment);
        PayloadContent decompressed;
        try
        {
            await using var input = attachment.Content.OpenRead();
            var magic = new byte[2];
            var read = await input.ReadAtLeastAsync(magic, 2, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
            if (read < 2 || magic[0] != 0x1f || magic[1] != 0x8b)
            {
                return Failure(attachment, "it is not gzip data", refToMessageId);
            }
            input.Position = 0;
            await using var gzip = new GZipStream(input, CompressionMode.Decompress);
            decompressed = await PayloadContent.SpoolAsync(gzip, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            return Failure(attachment, ex.Message, refToMessageId);
        }
        catch (EndOfStreamException ex)
        {
            return Failure(attachment, ex.Message, refToMessageId);
        }
        attachment.ReplaceContent(decompressed);
        attachment.ContentType = originalMimeType ?? "application/octet-stream";
        return null;
    }

    private static EbmsError Failure(As4Attachment attachment, string reason, string? refToMessageId) =>
        new(EbmsErrorCode.DecompressionFailure, "Attachment <" + attachment.ContentId + "> does not decompress as gzip: " + reason, refToMessageId);
}
