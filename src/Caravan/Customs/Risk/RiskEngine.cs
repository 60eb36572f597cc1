
namespace Caravan.Customs.Risk;

/// <summary>An analyst's rule: a condition in <see cref="RiskExpression"/>'s language and the weight it adds when it holds (negative lowers risk, e.g. AEO status).</summary>
public sealed record RiskRule(string Id, string Name, string Condition, int Weight);

/// <summary>The channel a subject is sent to: green (release), yellow (documentary check), red (physical inspection).</summary>
public enum RiskChannel
{
    Green,
    Yellow,
    Red,
}

/// <summary>
/// A rule that held, with the facts it looked at (the "why"). <see cref="Facts"/> is null when the subject was scored
/// in bulk without explanations (<see cref="RiskEngine.Evaluate(RiskFacts, string, bool)"/>); the explanation is then
/// rebuilt on demand by evaluating the same facts again.
/// </summary>
public sealed record RiskHit(string RuleId, string RuleName, int Weight, string? Facts);

/// <summary>The decision on one subject: the channel, the score, every rule that held and why, and whether random selection made it.</summary>
public sealed record RiskDecision(RiskChannel Channel, int Score, IReadOnlyList<RiskHit> Hits, bool RandomlySelected, int RulesVersion);

/// <summary>Score thresholds and the random selection rate (0 to 1) that sends a share of otherwise green subjects to yellow.</summary>
public sealed record RiskThresholds(int Yellow, int Red, decimal RandomSelectionRate);

/// <summary>
/// A compiled, immutable set of rules (one version): evaluating a subject adds the weights of the rules that hold; the
/// score against the thresholds gives the channel, and a deterministic random selection (by the subject's id, so a
/// replay decides the same) sends the configured share of green subjects to a documentary check. Building the engine
/// refuses every rule that does not parse or type-check, naming the rule and the position.
/// </summary>
public sealed class RiskEngine
{
    private readonly (RiskRule Rule, RiskExpression.Compiled Condition)[] _rules;

    // Rules indexed by their guard: by slot, the rules whose guard needs the field to equal a text, and those whose
    // guard needs it to start with a prefix (with the prefix lengths present); rules without a guard are always tested.
    private readonly int[] _unguarded;
    private readonly Dictionary<int, Dictionary<string, int[]>> _byValue = [];
    private readonly Dictionary<int, (Dictionary<string, int[]> Rules, int[] Lengths)> _byPrefix = [];

    private RiskEngine(int version, RiskThresholds thresholds, (RiskRule, RiskExpression.Compiled)[] rules)
    {
        Version = version;
        Thresholds = thresholds;
        _rules = rules;
        var unguarded = new List<int>();
        var byValue = new Dictionary<int, Dictionary<string, List<int>>>();
        var byPrefix = new Dictionary<int, Dictionary<string, List<int>>>();
        for (var i = 0; i < rules.Length; i++)
        {
            if (rules[i].Item2.Guard is not { } guard)
            {
                unguarded.Add(i);
                continue;
            }
            var index = guard.Prefix ? byPrefix : byValue;
            if (!index.TryGetValue(guard.Slot, out var values))
            {
                index[guard.Slot] = values = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            }
            foreach (var value in guard.Values)
            {
                if (!values.TryGetValue(value, out var list))
                {
                    values[value] = list = [];
                }
                list.Add(i);
            }
        }
        _unguarded = [.. unguarded];
        foreach (var (slot, values) in byValue)
        {
            _byValue[slot] = values.ToDictionary(v => v.Key, v => v.Value.ToArray(), StringComparer.Ordinal);
        }
        foreach (var (slot, values) in byPrefix)
        {
            _byPrefix[slot] = (values.ToDictionary(v => v.Key, v => v.Value.ToArray(), StringComparer.Ordinal), values.Keys.Select(k => k.Length).Distinct().Order().ToArray());
        }
    }

    /// <summary>How many rules are tested for every subject (those without a guard to index them by).</summary>
    public int UnguardedRules => _unguarded.Length;

    // Marks the rules a subject may meet: the unguarded ones and those its field values select.
    private void Candidates(RiskFacts facts, Span<bool> marks)
    {
        foreach (var i in _unguarded)
        {
            marks[i] = true;
        }
        foreach (var (slot, values) in _byValue)
        {
            if (values.TryGetValue(facts.TextAt(slot), out var rules))
            {
                foreach (var i in rules)
                {
                    marks[i] = true;
                }
            }
        }
        foreach (var (slot, (values, lengths)) in _byPrefix)
        {
            var text = facts.TextAt(slot);
            var lookup = values.GetAlternateLookup<ReadOnlySpan<char>>();
            foreach (var length in lengths)
            {
                if (length > text.Length)
                {
                    break;
                }
                if (lookup.TryGetValue(text.AsSpan(0, length), out var rules))
                {
                    foreach (var i in rules)
                    {
                        marks[i] = true;
                    }
                }
            }
        }
    }

    public int Version { get; }

    public RiskThresholds Thresholds { get; }

    public IReadOnlyList<RiskRule> Rules => _rules.Select(r => r.Rule).ToList();

    public static (RiskEngine? Engine, IReadOnlyList<string> Errors) Build(int version, IReadOnlyList<RiskRule> rules, RiskThresholds thresholds)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(thresholds);
        var errors = new List<string>();
        if (thresholds.Yellow > thresholds.Red)
        {
            errors.Add("thresholds: yellow must not be above red.");
        }
        if (thresholds.RandomSelectionRate is < 0 or > 1)
        {
            errors.Add("thresholds: the random selection rate is between 0 and 1.");
        }
        var compiled = new List<(RiskRule, RiskExpression.Compiled)>();
        foreach (var group in rules.GroupBy(r => r.Id).Where(g => g.Count() > 1))
        {
            errors.Add($"rule {group.Key}: the id is used {group.Count()} times.");
        }
        foreach (var rule in rules)
        {
            var (condition, problems) = RiskExpression.Compile(rule.Condition ?? "");
            if (condition is null)
            {
                errors.AddRange(problems.Select(p => $"rule {rule.Id}: {p}"));
            }
            else
            {
                compiled.Add((rule, condition));
            }
        }
        return errors.Count > 0 ? (null, errors) : (new RiskEngine(version, thresholds, [.. compiled]), []);
    }

    /// <summary>Decides one subject; <paramref name="subjectId"/> (a parcel's or item's id) drives the random selection.</summary>
    public RiskDecision Evaluate(RiskFacts facts, string subjectId) => Evaluate(facts, subjectId, explain: true);

    /// <summary>Decides one subject; without <paramref name="explain"/> the hits name their rules but not the facts (bulk scoring).</summary>
    public RiskDecision Evaluate(RiskFacts facts, string subjectId, bool explain)
    {
        ArgumentNullException.ThrowIfNull(facts);
        List<RiskHit>? hits = null;
        var score = 0;
        Span<bool> marks = _rules.Length <= 4096 ? stackalloc bool[_rules.Length] : new bool[_rules.Length];
        Candidates(facts, marks);
        for (var i = 0; i < _rules.Length; i++)
        {
            if (!marks[i])
            {
                continue;
            }
            var (rule, condition) = _rules[i];
            if (condition.Predicate(facts))
            {
                score += rule.Weight;
                (hits ??= []).Add(new RiskHit(rule.Id, rule.Name, rule.Weight, explain ? string.Join("; ", condition.Fields.Select(f => Describe(facts, f))) : null));
            }
        }
        var channel = score >= Thresholds.Red ? RiskChannel.Red : score >= Thresholds.Yellow ? RiskChannel.Yellow : RiskChannel.Green;
        var random = channel == RiskChannel.Green && Selected(subjectId);
        return new RiskDecision(random ? RiskChannel.Yellow : channel, score, hits ?? (IReadOnlyList<RiskHit>)[], random, Version);
    }

    /// <summary>Counts only: how many rules hold (the hot path of bulk scoring, without building explanations).</summary>
    public int Score(RiskFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var score = 0;
        Span<bool> marks = _rules.Length <= 4096 ? stackalloc bool[_rules.Length] : new bool[_rules.Length];
        Candidates(facts, marks);
        for (var i = 0; i < _rules.Length; i++)
        {
            if (marks[i] && _rules[i].Condition.Predicate(facts))
            {
                score += _rules[i].Rule.Weight;
            }
        }
        return score;
    }

    private bool Selected(string subjectId)
    {
        if (Thresholds.RandomSelectionRate <= 0)
        {
            return false;
        }
        return Draw(subjectId) < Thresholds.RandomSelectionRate;
    }

    /// <summary>
    /// A uniform draw in [0, 1) fixed by the subject's id (64-bit FNV-1a over its UTF-16 code units, then the
    /// SplitMix64 finaliser to spread the bits), so every process and every replay draws the same for the same subject.
    /// Not cryptographic: a trader cannot choose tracking ids to dodge selection without also knowing the rate and
    /// the rest of the rules, and the draw only adds to the rules.
    /// </summary>
    internal static decimal Draw(string subjectId)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in subjectId)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }
        hash ^= hash >> 30;
        hash *= 0xBF58476D1CE4E5B9UL;
        hash ^= hash >> 27;
        hash *= 0x94D049BB133111EBUL;
        hash ^= hash >> 31;
        return (hash >> 11) / (decimal)(1UL << 53);
    }

    private static string Describe(RiskFacts facts, string field) => RiskSchema.TypeOf(field) switch
    {
        RiskType.Number => $"{field} = {facts.Number(field).ToString(System.Globalization.CultureInfo.InvariantCulture)}",
        RiskType.Text => $"{field} = \"{facts.Text(field)}\"",
        _ => $"{field} = {(facts.Flag(field) ? "yes" : "no")}",
    };
}
