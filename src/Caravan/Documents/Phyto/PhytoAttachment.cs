namespace Caravan.Documents.Phyto;

/// <summary>A file embedded in a referenced document (<c>AttachmentBinaryObject</c>): its name and base64 content as written.</summary>
public sealed record PhytoAttachment
{
    public string? FileName { get; init; }

    /// <summary>The base64 text exactly as carried (kept as text so that a round trip is byte-exact).</summary>
    public string? ContentBase64 { get; init; }
}
