namespace Caravan.Exchange.As4.Mime;

/// <summary>
/// An AS4 message ready to stream: its Content-Type header value (known before writing) and the parts. The
/// attachments are read when <see cref="WriteToAsync"/> runs, so it can be written more than once.
/// </summary>
public sealed class As4MimePackage : IDisposable
{
    private readonly MemoryStream _soap;
    private readonly string? _boundary;
    private readonly string? _rootId;
    private readonly IReadOnlyList<As4Attachment> _attachments;

    internal As4MimePackage(string contentType, MemoryStream soap, string? boundary, string? rootId, IReadOnlyList<As4Attachment> attachments)
    {
        ContentType = contentType;
        _soap = soap;
        _boundary = boundary;
        _rootId = rootId;
        _attachments = attachments;
    }

    /// <summary>The Content-Type header value: multipart/related with boundary and start, or application/soap+xml.</summary>
    public string ContentType { get; }

    public Task WriteToAsync(Stream output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        return As4MimeWriter.WritePartsAsync(output, _soap, _boundary, _rootId, _attachments, cancellationToken);
    }

    public void Dispose() => _soap.Dispose();
}
