namespace Caravan.Documents.Origin;

/// <summary>Number and kind of packages; the kind is a UN/ECE Recommendation 21 code (two letters or digits, e.g. <c>CT</c> carton).</summary>
public sealed record PackageInfo
{
    public int? Count { get; init; }

    public string? KindCode { get; init; }
}
