namespace Caravan.Common;

/// <summary>The kinds of expected failure; each maps to one HTTP status at the API edge.</summary>
public enum FailureKind
{
    Validation,
    NotFound,
    Conflict,
    Forbidden,
    Untrusted,
    Unavailable,
}
