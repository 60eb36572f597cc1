namespace Caravan.Documents.Phyto;

/// <summary>
/// A treatment applied to the goods (<c>AppliedSPSProcess</c>): type code, when it ran and for how long, and its
/// characteristics (treatment type, chemical, concentration, temperature...; see <see cref="PhytoCodes"/>).
/// </summary>
public sealed record PhytoTreatment
{
    public string? TypeCode { get; init; }

    public PhytoDateTime? Start { get; init; }

    public PhytoDateTime? End { get; init; }

    public PhytoMeasure? Duration { get; init; }

    public IReadOnlyList<PhytoTreatmentCharacteristic> Characteristics { get; init; } = [];

    /// <summary>The value text of the first characteristic with <paramref name="code"/> (e.g. <c>TTCH</c>).</summary>
    public string? ValueOf(string code) =>
        Characteristics.FirstOrDefault(c => c.Code == code) is { Descriptions.Count: > 1 } c ? c.Descriptions[1].Text : null;

    /// <summary>The measure of the first characteristic with <paramref name="code"/> (e.g. <c>TTTM</c>).</summary>
    public PhytoMeasure? MeasureOf(string code) => Characteristics.FirstOrDefault(c => c.Code == code)?.Value;

    public bool Equals(PhytoTreatment? other) =>
        other is not null
        && TypeCode == other.TypeCode
        && Start == other.Start
        && End == other.End
        && Duration == other.Duration
        && Characteristics.SequenceEqual(other.Characteristics);

    public override int GetHashCode() => HashCode.Combine(TypeCode, Start, End, Characteristics.Count);
}
