namespace Caravan.Documents.Origin;

/// <summary>The commercial invoice an item is billed on.</summary>
public sealed record InvoiceReference
{
    public string? Number { get; init; }

    public DateOnly? Date { get; init; }
}
