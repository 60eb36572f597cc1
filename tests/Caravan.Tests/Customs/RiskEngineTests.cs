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
