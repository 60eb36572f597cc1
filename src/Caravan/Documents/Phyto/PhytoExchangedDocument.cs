namespace Caravan.Documents.Phyto;

/// <summary>
/// The certificate's header (<c>SPSExchangedDocument</c>): number, type (<see cref="PhytoCodes.PhytosanitaryCertificate"/>
/// or <see cref="PhytoCodes.ReExportCertificate"/>), status, issue time, issuing NPPO, harmonized notes, referenced
/// documents and the signatory's authentication.
/// </summary>
public sealed record PhytoExchangedDocument
{
    /// <summary>The document's title, e.g. <c>Phytosanitary Certificate</c>.</summary>
    public string? Name { get; init; }

    /// <summary>The certificate number assigned by the NPPO.</summary>
    public string? Id { get; init; }

    public int? TypeCode { get; init; }

    public int? StatusCode { get; init; }

    public PhytoDateTime? IssueDateTime { get; init; }

    /// <summary>The issuing NPPO's name; its country is the consignment's export country.</summary>
    public string? IssuerName { get; init; }

    public IReadOnlyList<PhytoNote> Notes { get; init; } = [];

    public IReadOnlyList<PhytoReferencedDocument> ReferencedDocuments { get; init; } = [];

    public PhytoSignatory? Signatory { get; init; }

    public bool Equals(PhytoExchangedDocument? other) =>
        other is not null
        && Name == other.Name
        && Id == other.Id
        && TypeCode == other.TypeCode
        && StatusCode == other.StatusCode
        && IssueDateTime == other.IssueDateTime
        && IssuerName == other.IssuerName
        && Notes.SequenceEqual(other.Notes)
        && ReferencedDocuments.SequenceEqual(other.ReferencedDocuments)
        && Signatory == other.Signatory;

    public override int GetHashCode() => HashCode.Combine(Id, TypeCode, StatusCode, IssueDateTime, Notes.Count);
}
