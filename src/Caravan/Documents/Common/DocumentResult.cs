namespace Caravan.Documents.Common;

/// <summary>
/// The outcome of reading or validating a document. <see cref="Document"/> is set when the input could be
/// mapped to the model (it may still break business rules, listed in <see cref="Errors"/>); it is
/// <see langword="null"/> when the input was malformed.
/// </summary>
public sealed class DocumentResult<T>
    where T : class
{
    public DocumentResult(T? document, IReadOnlyList<DocumentError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        Document = document;
        Errors = errors;
    }

    public T? Document { get; }

    public IReadOnlyList<DocumentError> Errors { get; }

    /// <summary>True when the document was read and has no errors at all.</summary>
    public bool IsValid => Document is not null && Errors.Count == 0;
}
