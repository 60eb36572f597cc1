using Caravan.Documents.Common;

namespace Caravan.Documents.Phyto;

/// <summary>
/// The full outcome of reading a certificate: the mapped certificate (null when the input was malformed or, in
/// <see cref="PhytoReadMode.Strict"/>, not schema-valid), the errors, and the warnings (schema deviations
/// tolerated in <see cref="PhytoReadMode.Lenient"/>, skipped elements).
/// </summary>
public sealed record PhytoReadResult(
    PhytosanitaryCertificate? Certificate,
    IReadOnlyList<DocumentError> Errors,
    IReadOnlyList<DocumentError> Warnings)
{
    /// <summary>True when a certificate was read and has no errors (warnings allowed).</summary>
    public bool IsValid => Certificate is not null && Errors.Count == 0;

    /// <summary>The result without the warnings, as the generic document commands expect it.</summary>
    public DocumentResult<PhytosanitaryCertificate> ToDocumentResult() => new(Certificate, Errors);
}
