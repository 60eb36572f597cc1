namespace Caravan.Documents.Origin;

/// <summary>The issuing authority's certification of the exporter's declaration (Form D box 13).</summary>
public sealed record Certification
{
    public string? Place { get; init; }

    public DateOnly? Date { get; init; }

    public string? OfficerName { get; init; }
}
