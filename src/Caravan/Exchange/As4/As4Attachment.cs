namespace Caravan.Exchange.As4;

/// <summary>
/// One MIME part of an AS4 message other than the SOAP envelope. <see cref="Content"/> holds the bytes as
/// they travel at the current stage (compressed, then encrypted, on the way out; the reverse on the way in).
/// </summary>
public sealed class As4Attachment(string contentId, string contentType, PayloadContent content) : IDisposable
{
    /// <summary>The Content-ID without angle brackets, as referenced by <c>cid:</c> URIs.</summary>
    public string ContentId { get; } = contentId;

    /// <summary>The MIME Content-Type of the part as sent (e.g. application/octet-stream once encrypted).</summary>
    public string ContentType { get; set; } = contentType;

    public PayloadContent Content { get; private set; } = content;

    /// <summary>Replaces the content (after compression, encryption, decryption...), disposing the previous one.</summary>
    public void ReplaceContent(PayloadContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        if (!ReferenceEquals(content, Content))
        {
            Content.Dispose();
            Content = content;
        }
    }

    public void Dispose() => Content.Dispose();
}
