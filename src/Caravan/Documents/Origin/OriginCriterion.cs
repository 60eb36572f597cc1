namespace Caravan.Documents.Origin;

/// <summary>Why an item originates: the criterion and, for RVC only, the regional value content in percent (0-100).</summary>
public sealed record OriginCriterion
{
    public OriginCriterionKind? Kind { get; init; }

    public decimal? RvcPercentage { get; init; }
}
