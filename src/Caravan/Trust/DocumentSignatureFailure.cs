namespace Caravan.Trust;

/// <summary>Why a document signature was not accepted; <see cref="None"/> when it was.</summary>
public enum DocumentSignatureFailure
{
    None,

    /// <summary>The document carries no ds:Signature.</summary>
    Missing,

    /// <summary>More than one ds:Signature anywhere in the document (a wrapping attempt or a double signature).</summary>
    Multiple,

    /// <summary>The ds:Signature is not a child of the document element, so it is not an enveloped signature.</summary>
    Misplaced,

    /// <summary>The signature XML cannot be parsed or evaluated.</summary>
    Malformed,

    /// <summary>A canonicalization, signature, digest or transform algorithm outside the allowed profile.</summary>
    UnsupportedAlgorithm,

    /// <summary>The signature does not have exactly one Reference with URI="" (the whole document).</summary>
    ReferenceNotWholeDocument,

    /// <summary>No X.509 certificate in KeyInfo, or its key does not fit the signature method.</summary>
    MissingCertificate,

    /// <summary>The digest or signature value does not match: the document was changed or signed by another key.</summary>
    SignatureMismatch,
}
