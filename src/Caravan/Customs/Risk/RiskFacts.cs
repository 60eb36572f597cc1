namespace Caravan.Customs.Risk;

/// <summary>
/// What a risk rule can look at, for a declaration item or a parcel: named fields of three types (number, text, yes/no)
/// and lists of text. Rules are type-checked against <see cref="RiskSchema"/>; a fact a subject lacks reads as 0, "" or
/// false.
/// </summary>
public sealed class RiskFacts
{
    private readonly Dictionary<string, object> _values = new(StringComparer.Ordinal);

    public RiskFacts Set(string field, decimal value) => Put(field, value, RiskType.Number);

    public RiskFacts Set(string field, string value) => Put(field, value ?? "", RiskType.Text);

    public RiskFacts Set(string field, bool value) => Put(field, value, RiskType.Flag);

    public decimal Number(string field) => _values.TryGetValue(field, out var v) ? (decimal)v : 0m;

    public string Text(string field) => _values.TryGetValue(field, out var v) ? (string)v : "";

    public bool Flag(string field) => _values.TryGetValue(field, out var v) && (bool)v;

    private RiskFacts Put(string field, object value, RiskType type)
    {
        if (RiskSchema.TypeOf(field) != type)
        {
            throw new ArgumentException($"Risk field '{field}' is not a {type}.", nameof(field));
        }
        _values[field] = value;
        return this;
    }
}

/// <summary>The types of risk fields and expressions.</summary>
public enum RiskType
{
    Number,
    Text,
    Flag,
    TextList,
}

/// <summary>
/// The fields rules may use, with their types: the goods (HS code, origin, value, weight, value per kg), the parties
/// (watch lists, AEO status, first-time trader), the advance data (ACDD mismatches) and the certificates.
/// </summary>
public static class RiskSchema
{
    public static readonly IReadOnlyDictionary<string, RiskType> Fields = new Dictionary<string, RiskType>(StringComparer.Ordinal)
    {
        ["hs"] = RiskType.Text,
        ["origin"] = RiskType.Text,
        ["destination"] = RiskType.Text,
        ["procedure"] = RiskType.Text,
        ["value"] = RiskType.Number,
        ["weight_kg"] = RiskType.Number,
        ["value_per_kg"] = RiskType.Number,
        ["reference_value_per_kg"] = RiskType.Number,
        ["quantity"] = RiskType.Number,
        ["description"] = RiskType.Text,
        ["trader"] = RiskType.Text,
        ["trader_first_time"] = RiskType.Flag,
        ["trader_aeo"] = RiskType.Flag,
        ["party_watchlisted"] = RiskType.Flag,
        ["acdd_mismatches"] = RiskType.Number,
        ["certificate_missing"] = RiskType.Flag,
        ["certificate_revoked"] = RiskType.Flag,
        ["shared_indicator"] = RiskType.Flag,
        ["platform"] = RiskType.Text,
        ["channel"] = RiskType.Text,
        ["collection"] = RiskType.Text,
        ["hs_suggested"] = RiskType.Flag,
        ["registered"] = RiskType.Flag,
    };

    public static RiskType? TypeOf(string field) => Fields.TryGetValue(field, out var type) ? type : null;
}
