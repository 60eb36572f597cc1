using System.Text;
using System.Xml;

namespace Caravan.Exchange.As4.Mime;

/// <summary>
/// Writes an AS4 message as MIME multipart/related (SOAP 1.2 root part first, attachments as binary parts with
/// Content-ID) or, without attachments, as a bare application/soap+xml envelope. Attachments are streamed.
/// </summary>
public static class As4MimeWriter
{
    public const string SoapContentType = "application/soap+xml";

    /// <summary>Writes the message and returns the Content-Type header value for the HTTP request.</summary>
    public static async Task<string> WriteAsync(XmlDocument envelope, IReadOnlyList<As4Attachment> attachments, Stream output, CancellationToken cancellationToken)
    {
        var package = Package(envelope, attachments);
        await package.WriteToAsync(output, cancellationToken).ConfigureAwait(false);
        return package.ContentType;
    }

    /// <summary>
    /// Prepares the message so that its Content-Type (with the boundary) is known before the body is streamed, as an
    /// HTTP request needs. The envelope is serialised now; attachments are read only while writing.
    /// </summary>
    public static As4MimePackage Package(XmlDocument envelope, IReadOnlyList<As4Attachment> attachments)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(attachments);
        var root = envelope.DocumentElement ?? throw new ArgumentException("Empty document.", nameof(envelope));
        // The envelope goes out in its exclusive canonical form: a plain serialisation (each namespace declared where it
        // is used, no empty-element tags, no XML declaration, which UTF-8 does not need) that leaves the canonical form
        // of every signed part as it is, and that the C14N writer produces several times faster than XmlWriter.
        var octets = Security.ExclusiveCanonicalWriter.Canonicalize(root);
        var soap = new MemoryStream(octets, 0, octets.Length, writable: false, publiclyVisible: true);
        if (attachments.Count == 0)
        {
            return new As4MimePackage(SoapContentType + "; charset=utf-8", soap, null, null, attachments);
        }
        foreach (var attachment in attachments)
        {
            ValidateHeaderValue(attachment.ContentId);
            ValidateHeaderValue(attachment.ContentType);
        }
        var boundary = "MIMEBoundary_" + Guid.NewGuid().ToString("N");
        var rootId = "root-" + Guid.NewGuid().ToString("N") + "@caravan";
        var contentType = "multipart/related; boundary=\"" + boundary + "\"; type=\"application/soap+xml\"; start=\"<" + rootId + ">\"";
        return new As4MimePackage(contentType, soap, boundary, rootId, attachments);
    }

    internal static async Task WritePartsAsync(Stream output, MemoryStream soap, string? boundary, string? rootId, IReadOnlyList<As4Attachment> attachments, CancellationToken cancellationToken)
    {
        if (boundary is null)
        {
            await output.WriteAsync(soap.GetBuffer().AsMemory(0, (int)soap.Length), cancellationToken).ConfigureAwait(false);
            return;
        }
        var head = new StringBuilder()
            .Append("--").Append(boundary).Append("\r\n")
            .Append("Content-Type: application/soap+xml; charset=UTF-8\r\n")
            .Append("Content-Transfer-Encoding: binary\r\n")
            .Append("Content-ID: <").Append(rootId).Append(">\r\n\r\n");
        await WriteAsciiAsync(output, head.ToString(), cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(soap.GetBuffer().AsMemory(0, (int)soap.Length), cancellationToken).ConfigureAwait(false);
        foreach (var attachment in attachments)
        {
            var partHead = "\r\n--" + boundary + "\r\n"
                + "Content-Type: " + attachment.ContentType + "\r\n"
                + "Content-Transfer-Encoding: binary\r\n"
                + "Content-ID: <" + attachment.ContentId + ">\r\n\r\n";
            await WriteAsciiAsync(output, partHead, cancellationToken).ConfigureAwait(false);
            await using var content = attachment.Content.OpenRead();
            await content.CopyToAsync(output, 81920, cancellationToken).ConfigureAwait(false);
        }
        await WriteAsciiAsync(output, "\r\n--" + boundary + "--\r\n", cancellationToken).ConfigureAwait(false);
    }

    private static void ValidateHeaderValue(string value)
    {
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0 || value.Any(c => c > 0x7e))
        {
            throw new ArgumentException("MIME header values must be single-line ASCII: " + value);
        }
    }

    private static Task WriteAsciiAsync(Stream output, string text, CancellationToken cancellationToken) =>
        output.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken).AsTask();
}
