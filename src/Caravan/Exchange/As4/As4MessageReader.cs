using System.Security.Cryptography;
using Caravan.Exchange.As4.Mime;
using Caravan.Exchange.As4.Model;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;

namespace Caravan.Exchange.As4;

/// <summary>
/// Reads a received AS4 HTTP body: multipart/related (root part by the <c>start</c> parameter, or the first part)
/// or a bare application/soap+xml envelope. Attachments are spooled, never buffered whole; the envelope is parsed
/// once. Malformed input yields ebMS errors (EBMS:0007 MimeInconsistency, EBMS:0009, EBMS:0011), not exceptions.
/// </summary>
public static class As4MessageReader
{
    public static async Task<As4ReadResult> ReadAsync(Stream body, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        if (!MediaTypeHeaderValue.TryParse(contentType, out var mediaType) || mediaType.MediaType.Value is null)
        {
            return Fail(EbmsErrorCode.MimeInconsistency, "The Content-Type '" + contentType + "' cannot be parsed.");
        }
        var type = mediaType.MediaType.Value;
        if (type.Equals("application/soap+xml", StringComparison.OrdinalIgnoreCase) || type.Equals("text/xml", StringComparison.OrdinalIgnoreCase))
        {
            return Complete(await ParseEnvelopeAsync(body, cancellationToken).ConfigureAwait(false), []);
        }
        if (!type.Equals("multipart/related", StringComparison.OrdinalIgnoreCase))
        {
            return Fail(EbmsErrorCode.MimeInconsistency, "The Content-Type '" + type + "' is neither multipart/related nor application/soap+xml.");
        }
        var boundary = HeaderUtilities.RemoveQuotes(mediaType.Boundary).Value;
        if (string.IsNullOrEmpty(boundary))
        {
            return Fail(EbmsErrorCode.MimeInconsistency, "The multipart/related Content-Type has no boundary.");
        }
        string? start = null;
        foreach (var parameter in mediaType.Parameters)
        {
            if (parameter.Name.Equals("start", StringComparison.OrdinalIgnoreCase))
            {
                start = StripAngles(HeaderUtilities.RemoveQuotes(parameter.Value).Value);
            }
        }

        body = await LfFraming.NormalizeAsync(body, cancellationToken).ConfigureAwait(false);
        var reader = new MultipartReader(boundary, body) { BodyLengthLimit = null, HeadersCountLimit = 32, HeadersLengthLimit = 16 * 1024 };
        As4EnvelopeParseResult? parsed = null;
        var attachments = new List<As4Attachment>();
        try
        {
            var first = true;
            MultipartSection? section;
            while ((section = await ReadNextAsync(reader, cancellationToken).ConfigureAwait(false)) is not null)
            {
                var contentId = StripAngles(Header(section, "Content-ID"));
                var isRoot = parsed is null && (start is null ? first : string.Equals(start, contentId, StringComparison.Ordinal));
                first = false;
                var encoding = Header(section, "Content-Transfer-Encoding")?.Trim();
                Stream partBody = section.Body;
                if (string.Equals(encoding, "base64", StringComparison.OrdinalIgnoreCase))
                {
                    partBody = new CryptoStream(section.Body, new FromBase64Transform(FromBase64TransformMode.IgnoreWhiteSpaces), CryptoStreamMode.Read);
                }
                else if (encoding is not null && !encoding.Equals("binary", StringComparison.OrdinalIgnoreCase) && !encoding.Equals("8bit", StringComparison.OrdinalIgnoreCase) && !encoding.Equals("7bit", StringComparison.OrdinalIgnoreCase))
                {
                    Dispose(attachments);
                    return Fail(EbmsErrorCode.MimeInconsistency, "Unsupported Content-Transfer-Encoding '" + encoding + "' on part <" + contentId + ">.");
                }
                if (isRoot)
                {
                    parsed = await ParseEnvelopeAsync(partBody, cancellationToken).ConfigureAwait(false);
                    continue;
                }
                if (string.IsNullOrEmpty(contentId))
                {
                    Dispose(attachments);
                    return Fail(EbmsErrorCode.MimeInconsistency, "A MIME attachment part has no Content-ID.");
                }
                var content = await PayloadContent.SpoolAsync(partBody, cancellationToken).ConfigureAwait(false);
                attachments.Add(new As4Attachment(contentId, section.ContentType ?? "application/octet-stream", content));
            }
        }
        catch (IOException ex)
        {
            Dispose(attachments);
            return Fail(EbmsErrorCode.MimeInconsistency, "The multipart body is malformed: " + ex.Message);
        }
        if (parsed is null)
        {
            Dispose(attachments);
            return Fail(EbmsErrorCode.MimeInconsistency, start is null ? "The multipart body has no parts." : "No MIME part has the start Content-ID <" + start + ">.");
        }
        return Complete(parsed, attachments);
    }

    /// <summary>
    /// Copies the SOAP part into memory asynchronously before parsing: XML parsing reads synchronously, which
    /// multipart section streams and server request bodies do not support.
    /// </summary>
    private static async Task<As4EnvelopeParseResult> ParseEnvelopeAsync(Stream source, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(8192);
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16384);
        try
        {
            int read;
            while ((read = await source.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxEnvelopeBytes)
                {
                    return As4EnvelopeParseResult.Fail(EbmsErrorCode.InvalidHeader, "The SOAP envelope exceeds " + MaxEnvelopeBytes + " bytes.");
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
        }
        buffer.Position = 0;
        return As4EnvelopeParser.Parse(buffer);
    }

    /// <summary>The largest SOAP envelope accepted (payloads travel as attachments; a body payload must fit).</summary>
    public const int MaxEnvelopeBytes = 32 * 1024 * 1024;

    private static async Task<MultipartSection?> ReadNextAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        try
        {
            return await reader.ReadNextSectionAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidDataException ex)
        {
            throw new IOException(ex.Message, ex);
        }
    }

    private static As4ReadResult Complete(As4EnvelopeParseResult parsed, List<As4Attachment> attachments)
    {
        if (!parsed.Succeeded)
        {
            Dispose(attachments);
            return new As4ReadResult(null, [], parsed.Errors);
        }
        var errors = new List<EbmsError>();
        foreach (var user in parsed.Envelope.MessageUnits.OfType<As4UserMessage>())
        {
            foreach (var part in user.PayloadInfo)
            {
                var contentId = part.ContentId;
                if (contentId is not null && !attachments.Any(a => string.Equals(a.ContentId, contentId, StringComparison.Ordinal)))
                {
                    errors.Add(new EbmsError(EbmsErrorCode.ExternalPayloadError, "eb:PartInfo " + part.Href + " references no MIME part.", user.MessageId));
                }
            }
        }
        return new As4ReadResult(parsed.Envelope, attachments, errors);
    }

    private static string? Header(MultipartSection section, string name)
    {
        if (section.Headers is null)
        {
            return null;
        }
        foreach (var header in section.Headers)
        {
            if (header.Key.Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                return header.Value.ToString();
            }
        }
        return null;
    }

    private static string? StripAngles(string? value)
    {
        if (value is null)
        {
            return null;
        }
        value = value.Trim();
        return value.Length >= 2 && value[0] == '<' && value[^1] == '>' ? value[1..^1] : value;
    }

    private static void Dispose(List<As4Attachment> attachments)
    {
        foreach (var attachment in attachments)
        {
            attachment.Dispose();
        }
    }

    private static As4ReadResult Fail(EbmsErrorCode code, string description) => new(null, [], [new EbmsError(code, description)]);
}
