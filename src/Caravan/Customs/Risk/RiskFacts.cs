using System.Collections.Frozen;

namespace Caravan.Customs.Risk;

/// <summary>
/// What a risk rule can look at, for a declaration item or a parcel: named fields of three types (number, text, yes/no)
/// and lists of text. Rules are type-checked against <see cref="RiskSchema"/>; a fact a subject lacks reads as 0, "" or
/// false.
/// </summary>
public sealed class RiskFacts
{
    // One slot per schema field (see RiskSchema.SlotOf), so compiled rules read a fact by index, without hashing or boxing.
    private readonly decimal[] _numbers = new decimal[RiskSchema.Fields.Count];
    private readonly string?[] _texts = new string?[RiskSchema.Fields.Count];
    private readonly bool[] _flags = new bool[RiskSchema.Fields.Count];

    public RiskFacts Set(string field, decimal value)
    {
        _numbers[Slot(field, RiskType.Number)] = value;
        return this;
    }

    public RiskFacts Set(string field, string value)
    {
        _texts[Slot(field, RiskType.Text)] = value ?? "";
        return this;
    }

    public RiskFacts Set(string field, bool value)
    {
        _flags[Slot(field, RiskType.Flag)] = value;
        return this;
    }

    public decimal Number(string field) => RiskSchema.TypeOf(field) == RiskType.Number ? _numbers[RiskSchema.SlotOf(field)] : 0m;

    public string Text(string field) => RiskSchema.TypeOf(field) == RiskType.Text ? _texts[RiskSchema.SlotOf(field)] ?? "" : "";

    public bool Flag(string field) => RiskSchema.TypeOf(field) == RiskType.Flag && _flags[RiskSchema.SlotOf(field)];

    internal decimal NumberAt(int slot) => _numbers[slot];

    internal string TextAt(int slot) => _texts[slot] ?? "";

    internal bool FlagAt(int slot) => _flags[slot];

    private static int Slot(string field, RiskType type)
    {
        if (RiskSchema.TypeOf(field) != type)
        {
            throw new ArgumentException($"Risk field '{field}' is not a {type}.", nameof(field));
        }
        return RiskSchema.SlotOf(field);
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

    private static readonly FrozenDictionary<string, int> Slots =
        Fields.Keys.Order(StringComparer.Ordinal).Select((field, slot) => (field, slot)).ToDictionary(p => p.field, p => p.slot, StringComparer.Ordinal)
            .ToFrozenDictionary(StringComparer.Ordinal);

    public static RiskType? TypeOf(string field) => Fields.TryGetValue(field, out var type) ? type : null;

    /// <summary>The slot a field's value is kept in (fields are numbered in name order).</summary>
    public static int SlotOf(string field) => Slots[field];
}
