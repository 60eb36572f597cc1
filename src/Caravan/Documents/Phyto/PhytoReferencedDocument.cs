namespace Caravan.Documents.Phyto;

/// <summary>
/// A document the certificate refers to (<c>ReferenceSPSReferencedDocument</c>): the certificate a replacement
/// replaces, the original phytosanitary certificate of a re-export, an import permit or an attached file.
/// </summary>
public sealed record PhytoReferencedDocument
{
    public PhytoDateTime? IssueDateTime { get; init; }

    /// <summary>The referenced document's type (e.g. <c>851</c> for a phytosanitary certificate); required by the hub schema.</summary>
    public string? TypeCode { get; init; }

    /// <summary>UN/CEFACT 4279 relationship code, e.g. <c>AAA</c>; <c>ZZZ</c> (mutually defined) for attachments.</summary>
    public string? RelationshipTypeCode { get; init; }

    public string? Id { get; init; }

    public PhytoAttachment? Attachment { get; init; }

    public LocalizedText? Information { get; init; }
}
