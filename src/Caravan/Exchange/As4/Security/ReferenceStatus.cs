namespace Caravan.Exchange.As4.Security;

/// <summary>The outcome of checking one ds:Reference.</summary>
public enum ReferenceStatus
{
    /// <summary>The recomputed digest equals the DigestValue.</summary>
    Valid,

    /// <summary>The recomputed digest differs: the part was altered after signing.</summary>
    DigestMismatch,

    /// <summary>The URI points to no element or attachment.</summary>
    TargetMissing,

    /// <summary>The URI's id is carried by more than one element (a signature wrapping attempt).</summary>
    DuplicateTarget,

    /// <summary>The digest could not be computed because the attachment is still encrypted.</summary>
    NotChecked,

    /// <summary>A transform, digest algorithm or URI form we do not support.</summary>
    Unsupported,
}
