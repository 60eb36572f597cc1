namespace Caravan.Documents.Origin;

/// <summary>The exporter's declaration that the details are correct and the goods originate (Form D box 12).</summary>
public sealed record ExporterDeclaration
{
    public string? Place { get; init; }

    public DateOnly? Date { get; init; }

    public string? SignatoryName { get; init; }
}
