namespace Caravan.Documents.Phyto;

/// <summary>
/// One property of a treatment (<c>ApplicableSPSProcessCharacteristic</c>). By IPPC convention the first
/// description is the harmonized code (<c>TTL1</c> type, <c>TTCH</c> chemical, <c>TTCO</c> concentration,
/// <c>TTTM</c> temperature...) and the next ones or the measure hold the value.
/// </summary>
public sealed record PhytoTreatmentCharacteristic
{
    public IReadOnlyList<LocalizedText> Descriptions { get; init; } = [];

    public PhytoMeasure? Value { get; init; }

    /// <summary>The harmonized code (the first description), when present.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string? Code => Descriptions.Count > 0 ? Descriptions[0].Text : null;

    public bool Equals(PhytoTreatmentCharacteristic? other) =>
        other is not null && Descriptions.SequenceEqual(other.Descriptions) && Value == other.Value;

    public override int GetHashCode() => HashCode.Combine(Descriptions.Count, Value);
}
