namespace Caravan.Documents.Declarations;

/// <summary>
/// A document the declaration refers to: an additional document (licence, permit, certificate of origin, phytosanitary
/// certificate; <c>AdditionalDocument</c>, WCO DM D005/D006) or a previous document (an earlier declaration, the
/// export declaration an import follows; <c>PreviousDocument</c>, WCO DM D018/D019).
/// </summary>
public sealed record DeclarationDocument
{
    /// <summary><c>previous</c> or <c>additional</c>.</summary>
    public string? Kind { get; init; }

    /// <summary><c>CategoryCode</c> + <c>TypeCode</c> as the declarant wrote them (e.g. <c>C512</c>, <c>N853</c>, <c>Z355</c>).</summary>
    public string? TypeCode { get; init; }

    /// <summary><c>ID</c>: the document's number.</summary>
    public string? Id { get; init; }

    /// <summary><c>Name</c>: free text about the document.</summary>
    public string? Name { get; init; }
}
