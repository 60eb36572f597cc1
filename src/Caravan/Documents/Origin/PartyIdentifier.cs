namespace Caravan.Documents.Origin;

/// <summary>A party's identifier and the scheme it belongs to (free code such as <c>TIN</c>, <c>EORI</c>, <c>BIN</c>).</summary>
public sealed record PartyIdentifier
{
    public string? Scheme { get; init; }

    public string? Value { get; init; }
}
