using Caravan.Common;
using Caravan.Documents.Common;

namespace Caravan.Window.Requirements;

/// <summary>
/// One version of the regulatory-requirements matrix: an immutable set of rules. <see cref="Assess"/> says which
/// agency actions a consignment needs: one per (action, agency), with the rules and items that triggered it.
/// </summary>
public sealed class RequirementMatrix
{
    public RequirementMatrix(int version, IReadOnlyList<RequirementRule> rules)
    {
        Version = version;
        Rules = rules;
    }

    public int Version { get; }

    public IReadOnlyList<RequirementRule> Rules { get; }

    public IReadOnlyList<RequiredAction> Assess(ConsignmentFacts facts)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var actions = new Dictionary<(AgencyActionKind, string), RequiredAction>();
        foreach (var rule in Rules)
        {
            if (rule.Procedure != facts.Procedure
                || (rule.OriginCountry is { } o && o != facts.OriginCountry)
                || (rule.DestinationCountry is { } d && d != facts.DestinationCountry))
            {
                continue;
            }
            foreach (var item in facts.Items.Where(i => Matches(rule, i)))
            {
                var key = (rule.Action, rule.AgencyPartyId);
                actions[key] = actions.TryGetValue(key, out var existing)
                    ? existing with
                    {
                        RuleIds = existing.RuleIds.Contains(rule.Id) ? existing.RuleIds : [.. existing.RuleIds, rule.Id],
                        ItemNumbers = existing.ItemNumbers.Contains(item.ItemNumber) ? existing.ItemNumbers : [.. existing.ItemNumbers, item.ItemNumber],
                    }
                    : new RequiredAction(rule.Action, rule.AgencyPartyId, [rule.Id], [item.ItemNumber]);
            }
        }
        return actions.Values.OrderBy(a => a.Action).ThenBy(a => a.AgencyPartyId, StringComparer.Ordinal).ToList();
    }

    private static bool Matches(RequirementRule rule, ConsignmentItemFacts item) =>
        item.HsCode.StartsWith(rule.HsPrefix, StringComparison.Ordinal)
        && (rule.MinValue is not { } min || (item.Value is { } v && v.Currency == min.Currency && v.Amount >= min.Amount))
        && (rule.MinQuantity is not { } q || (item.Quantity is { } iq && iq.Unit == q.Unit && iq.Value >= q.Value));

    /// <summary>Checks a proposed rule set: ids unique, prefixes of 0-6 digits, countries valid; every error with its path.</summary>
    public static IReadOnlyList<FieldError> Validate(IReadOnlyList<RequirementRule> rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        var errors = new List<FieldError>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < rules.Count; i++)
        {
            var rule = rules[i];
            var path = $"rules[{i}]";
            if (string.IsNullOrWhiteSpace(rule.Id) || rule.Id.Length > 64)
            {
                errors.Add(new FieldError(path + ".id", "required", "id is required (at most 64 characters)."));
            }
            else if (!ids.Add(rule.Id))
            {
                errors.Add(new FieldError(path + ".id", "rule.duplicate_id", $"Rule id '{rule.Id}' appears more than once."));
            }
            if (rule.HsPrefix.Length > 6 || !rule.HsPrefix.All(char.IsAsciiDigit))
            {
                errors.Add(new FieldError(path + ".hsPrefix", "hs_prefix.invalid", "hsPrefix must be 0 to 6 digits."));
            }
            if (rule.OriginCountry is { } origin && !CountryCode.TryParse(origin, out _))
            {
                errors.Add(new FieldError(path + ".originCountry", "country_code.invalid", $"'{origin}' is not an ISO 3166-1 alpha-2 code."));
            }
            if (rule.DestinationCountry is { } destination && !CountryCode.TryParse(destination, out _))
            {
                errors.Add(new FieldError(path + ".destinationCountry", "country_code.invalid", $"'{destination}' is not an ISO 3166-1 alpha-2 code."));
            }
            if (string.IsNullOrWhiteSpace(rule.AgencyPartyId))
            {
                errors.Add(new FieldError(path + ".agencyPartyId", "required", "agencyPartyId is required."));
            }
            if (rule.MinValue is { Amount: < 0 })
            {
                errors.Add(new FieldError(path + ".minValue", "value.negative", "minValue must not be negative."));
            }
        }
        return errors;
    }
}

/// <summary>An action a consignment needs, with the rules and item numbers that call for it.</summary>
public sealed record RequiredAction(AgencyActionKind Action, string AgencyPartyId, IReadOnlyList<string> RuleIds, IReadOnlyList<int> ItemNumbers);

/// <summary>What the matrix looks at in a consignment.</summary>
public sealed record ConsignmentFacts(Procedure Procedure, string OriginCountry, string DestinationCountry, IReadOnlyList<ConsignmentItemFacts> Items);

/// <summary>What the matrix looks at in one item.</summary>
public sealed record ConsignmentItemFacts(int ItemNumber, string HsCode, Money? Value, Quantity? Quantity);
