namespace Caravan.Documents.Declarations;

/// <summary>
/// A document the declaration refers to: an additional document (licence, permit, certificate of origin, phytosanitary
/// certificate; <c>AdditionalDocument</c>, WCO DM 02A) or a previous document (an earlier declaration, the
/// export declaration an import follows; <c>PreviousDocument</c>, WCO DM 99A).
/// </summary>
public sealed record DeclarationDocument
{
    /// <summary><c>previous</c> or <c>additional</c>.</summary>
    public string? Kind { get; init; }

    /// <summary><c>CategoryCode</c> (WCO DM D031) + <c>TypeCode</c> (D006 additional, D019 previous document type) as the declarant wrote them (e.g. <c>C512</c>, <c>N853</c> phytosanitary certificate, <c>Z355</c>).</summary>
    public string? TypeCode { get; init; }

    /// <summary><c>ID</c>: the document's number (WCO DM D005 additional, D018 previous document).</summary>
    public string? Id { get; init; }

    /// <summary><c>Name</c> (WCO DM D028): free text about the document; a statement or waiver (CDS <c>Y</c> codes) gives only this.</summary>
    public string? Name { get; init; }
}
