using Caravan.Customs.Risk;

namespace Caravan.Tests.Customs;

public sealed class RiskEngineTests
{
    private static readonly RiskRule[] Rules =
    [
        new("phones-cn", "Phones from CN or HK", """hs startswith "8517" and origin in ["CN", "HK"]""", 30),
        new("undervalued", "Declared value per kg below half the reference", "value_per_kg < reference_value_per_kg * 0.5", 40),
        new("watchlist", "Party on a watch list", "party_watchlisted", 60),
        new("acdd", "Mismatch with the advance data", "acdd_mismatches > 0", 25),
        new("aeo", "Authorised economic operator", "trader_aeo", -30),
        new("first-time", "First-time trader with a high value", "trader_first_time and value > 10000", 20),
    ];

    private static RiskEngine Engine(decimal randomRate = 0) =>
        RiskEngine.Build(1, Rules, new RiskThresholds(Yellow: 30, Red: 70, RandomSelectionRate: randomRate)).Engine!;

    [Fact]
    public void Score_AddsTheWeightsOfTheRulesThatHold_AndExplainsEach()
    {
        var facts = new RiskFacts().Set("hs", "851712").Set("origin", "CN").Set("value_per_kg", 3m).Set("reference_value_per_kg", 20m);
        var decision = Engine().Evaluate(facts, "parcel-1");
        Assert.Equal(70, decision.Score);
        Assert.Equal(RiskChannel.Red, decision.Channel);
        Assert.Equal(["phones-cn", "undervalued"], decision.Hits.Select(h => h.RuleId));
        Assert.Contains("hs = \"851712\"", decision.Hits[0].Facts, StringComparison.Ordinal);
        Assert.Contains("value_per_kg = 3", decision.Hits[1].Facts, StringComparison.Ordinal);
    }

    [Fact]
    public void AeoStatus_LowersTheScore_AndNothingHeldIsGreen()
    {
        var trusted = new RiskFacts().Set("hs", "851712").Set("origin", "CN").Set("trader_aeo", true);
        Assert.Equal(RiskChannel.Green, Engine().Evaluate(trusted, "p2").Channel);
        var clean = Engine().Evaluate(new RiskFacts().Set("hs", "080810").Set("origin", "UZ"), "p3");
        Assert.Equal((RiskChannel.Green, 0), (clean.Channel, clean.Score));
        Assert.Empty(clean.Hits);
    }

    [Theory]
    [InlineData("hs startswith 8517", "works on texts")]
    [InlineData("value > \"high\"", "compares two values of one type")]
    [InlineData("origin in \"CN\"", "list of texts")]
    [InlineData("colour == \"red\"", "Unknown field 'colour'")]
    [InlineData("value * 2", "yes/no")]
    [InlineData("(value > 1", "')' expected")]
    [InlineData("value > 1 value", "an operator")]
    [InlineData("origin < \"CN\"", "orders numbers")]
    [InlineData("trader_aeo and value", "combine yes/no")]
    public void BadConditions_AreRefusedWithThePositionAndWhy(string condition, string expected)
    {
        var (compiled, errors) = RiskExpression.Compile(condition);
        Assert.Null(compiled);
        var error = Assert.Single(errors);
        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
        Assert.InRange(error.Position, 1, condition.Length + 1);
    }

    [Fact]
    public void AnEngineWithABadRule_CannotBeBuilt()
    {
        var (engine, errors) = RiskEngine.Build(2, [.. Rules, new RiskRule("broken", "Broken", "value >", 10), new RiskRule("aeo", "dup", "true", 1)], new RiskThresholds(30, 70, 0));
        Assert.Null(engine);
        Assert.Contains(errors, e => e.StartsWith("rule broken: at 8:", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("rule aeo: the id is used 2 times", StringComparison.Ordinal));
    }

    [Fact]
    public void RandomSelection_SendsAboutTheRateOfGreenSubjectsToYellow_TheSameOnReplay()
    {
        var engine = Engine(randomRate: 0.05m);
        var facts = new RiskFacts().Set("hs", "080810");
        var selected = Enumerable.Range(0, 20_000).Count(i => engine.Evaluate(facts, $"parcel-{i}").RandomlySelected);
        Assert.InRange(selected, 800, 1_200);
        Assert.Equal(engine.Evaluate(facts, "parcel-42").RandomlySelected, Engine(0.05m).Evaluate(facts, "parcel-42").RandomlySelected);
    }

    [Fact]
    public void Arithmetic_AndTextOperators_Evaluate()
    {
        var (compiled, _) = RiskExpression.Compile("""(value - 100) / weight_kg >= 5 and not description contains "gift" and destination != "CN" """);
        Assert.True(compiled!.Predicate(new RiskFacts().Set("value", 150m).Set("weight_kg", 10m).Set("description", "Phone case").Set("destination", "KZ")));
        Assert.False(compiled.Predicate(new RiskFacts().Set("value", 150m).Set("weight_kg", 10m).Set("description", "A GIFT for you").Set("destination", "KZ")));
        Assert.False(compiled.Predicate(new RiskFacts().Set("value", 150m).Set("weight_kg", 0m)));
    }
}

/// <summary>Property: the engine's rule index (by the text a rule's guard needs) never changes a decision.</summary>
public sealed class RiskIndexPropertyTests
{
    [Fact]
    public void IndexedEvaluation_HitsExactlyTheRulesThatHold()
    {
        var random = new Random(99);
        string[] origins = ["CN", "HK", "TR", "DE", "US"];
        var rules = Enumerable.Range(0, 120).Select(i => new RiskRule($"r{i}", "x", (i % 6) switch
        {
            0 => $"""hs startswith "{random.Next(10, 30)}" and origin in ["{origins[i % 5]}", "HK"]""",
            1 => $"""origin == "{origins[random.Next(5)]}" and value > {random.Next(0, 500)}""",
            2 => $"""(platform == "p{random.Next(3)}" or weight_kg > {random.Next(1, 9)}) and hs startswith "2" """,
            3 => $"""not (origin == "{origins[random.Next(5)]}") and hs startswith "{random.Next(1, 3)}" """,
            4 => $"""hs startswith "{random.Next(100, 300)}" or value < {random.Next(0, 100)}""",
            _ => $"""value > {random.Next(0, 500)} and "{origins[random.Next(5)]}" == origin""",
        }, 1 + (i % 7))).ToList();
        var engine = RiskEngine.Build(1, rules, new RiskThresholds(10, 20, 0m)).Engine!;
        Assert.True(engine.UnguardedRules < rules.Count);
        var compiled = rules.Select(r => RiskExpression.Compile(r.Condition).Condition!).ToList();
        for (var n = 0; n < 2_000; n++)
        {
            var facts = new RiskFacts()
                .Set("hs", random.Next(100_000, 300_000).ToString(System.Globalization.CultureInfo.InvariantCulture))
                .Set("origin", origins[random.Next(5)])
                .Set("value", random.Next(0, 600))
                .Set("weight_kg", random.Next(0, 10))
                .Set("platform", $"p{random.Next(4)}");
            var expected = rules.Where((r, i) => compiled[i].Predicate(facts)).Select(r => r.Id).ToList();
            var decision = engine.Evaluate(facts, $"s{n}");
            Assert.Equal(expected, decision.Hits.Select(h => h.RuleId).ToList());
            Assert.Equal(rules.Where(r => expected.Contains(r.Id)).Sum(r => r.Weight), engine.Score(facts));
        }
    }
}
