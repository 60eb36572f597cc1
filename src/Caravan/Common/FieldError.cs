namespace Caravan.Common;

/// <summary>
/// One problem with one field of an input, named by its path (e.g. <c>items[2].hsCode</c>) and a stable code; for
/// an XML input, also the line and position it was found at.
/// </summary>
public sealed record FieldError(string Path, string Code, string Message)
{
    public int? Line { get; init; }

    public int? Column { get; init; }
}
