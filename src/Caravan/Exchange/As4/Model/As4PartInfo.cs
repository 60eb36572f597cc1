namespace Caravan.Exchange.As4.Model;

/// <summary>
/// An eb:PartInfo describing one payload: <see cref="Href"/> is <c>cid:CONTENT-ID</c> for a MIME attachment and
/// null for a payload in the SOAP body. Part properties carry MimeType, CompressionType and CharacterSet.
/// </summary>
public sealed record As4PartInfo(string? Href, IReadOnlyList<As4Property> Properties)
{
    public const string MimeTypeProperty = "MimeType";
    public const string CompressionTypeProperty = "CompressionType";
    public const string CharacterSetProperty = "CharacterSet";
    public const string GzipCompressionType = "application/gzip";

    /// <summary>The Content-ID referenced by a <c>cid:</c> href, or null for a body payload or another kind of href.</summary>
    public string? ContentId => Href is not null && Href.StartsWith("cid:", StringComparison.OrdinalIgnoreCase) ? Uri.UnescapeDataString(Href[4..]) : null;

    public string? MimeType => Property(MimeTypeProperty);

    public string? CompressionType => Property(CompressionTypeProperty);

    public string? CharacterSet => Property(CharacterSetProperty);

    public bool IsGzipCompressed => string.Equals(CompressionType, GzipCompressionType, StringComparison.OrdinalIgnoreCase);

    public string? Property(string name)
    {
        foreach (var property in Properties)
        {
            if (string.Equals(property.Name, name, StringComparison.Ordinal))
            {
                return property.Value;
            }
        }
        return null;
    }

    /// <summary>Describes an attachment with the given content id, original MIME type and optional compression.</summary>
    public static As4PartInfo ForAttachment(string contentId, string mimeType, bool gzipCompressed = false, string? characterSet = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(contentId);
        ArgumentException.ThrowIfNullOrEmpty(mimeType);
        var properties = new List<As4Property> { new(MimeTypeProperty, mimeType) };
        if (gzipCompressed)
        {
            properties.Add(new As4Property(CompressionTypeProperty, GzipCompressionType));
        }
        if (characterSet is not null)
        {
            properties.Add(new As4Property(CharacterSetProperty, characterSet));
        }
        return new As4PartInfo("cid:" + contentId, properties);
    }
}
