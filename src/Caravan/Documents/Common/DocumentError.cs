namespace Caravan.Documents.Common;

/// <summary>
/// One problem found in a document: the field it concerns as a dotted path with zero-based indexes
/// (<c>items[2].hsCode</c>, empty for the whole document), a stable code, a message, and for XML input
/// the line and column where it was found.
/// </summary>
public sealed record DocumentError(string Path, string Code, string Message)
{
    /// <summary>1-based line in the source text, when known.</summary>
    public int? Line { get; init; }

    /// <summary>1-based column in the source text, when known.</summary>
    public int? Column { get; init; }

    public override string ToString() =>
        Line is null ? $"{Path}: {Code}: {Message}" : $"{Path} (line {Line}, column {Column}): {Code}: {Message}";
}
