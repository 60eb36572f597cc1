using System.Text.Json.Nodes;
using Caravan.Cli.Demo;
using Caravan.Documents.Declarations;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Node.Network;

/// <summary>Analysts draft rules, replay them on past declarations, activate them without a restart, and customs sees each decision explained.</summary>
public sealed class RiskFlowTests : IAsyncLifetime
{
    private TestNetwork _network = null!;
    private HttpClient _customs = null!;
    private HttpClient _importer = null!;

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.StartAsync(["KZ"]);
        using var op = _network["KZ"].CreateClient();
        _customs = _network["KZ"].CreateClient(await op.CreatePartyAsync("kz-customs", "KZ State Revenue Committee", "customs"));
        _importer = _network["KZ"].CreateClient(await op.CreatePartyAsync("almaty-fresh", "Almaty Fresh Market LLP", "trader"));
        await (await op.PostJsonAsync("api/v1/matrix/versions", new
        {
            rules = new[] { new { id = "import-clearance", hsPrefix = "", procedure = "import", action = "customs_clearance", agencyPartyId = "kz-customs" } },
        })).ExpectAsync(201);
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    private async Task<string> LodgeAsync()
    {
        var body = new JsonObject { ["declaration"] = JsonNode.Parse(DeclarationJson.ToJson(DemoDeclarations.ApplesImport(new DateOnly(2026, 9, 17)))) };
        var draft = await (await _importer.PostJsonAsync("api/v1/consignments", body.ToJsonString())).ExpectAsync(201);
        var id = draft["id"]!.GetValue<string>();
        await (await _importer.PostJsonAsync($"api/v1/consignments/{id}/submit", new { })).ExpectAsync(200);
        return id;
    }

    private static object RuleSet(string note, params object[] rules) => new { rules, thresholds = new { yellow = 30, red = 70, randomSelectionRate = 0m }, note };

    [Fact]
    public async Task FirstTimeTrader_IsAFactOfTheConsignment_SoARuleOnItHoldsOnlyForTheFirst()
    {
        var first = await LodgeAsync();
        var second = await LodgeAsync();
        var set = await (await _customs.PostJsonAsync("api/v1/risk/rule-sets", RuleSet("new traders",
            new { id = "first-time", name = "First consignment of a trader", condition = "trader_first_time", weight = 35 },
            new { id = "acdd", name = "Differs from the advance data", condition = "acdd_mismatches > 0", weight = 50 }))).ExpectAsync(201);
        await (await _customs.PostJsonAsync($"api/v1/risk/rule-sets/{set["version"]!.GetValue<int>()}/activate", new { })).ExpectAsync(200);

        var atFirst = await (await _customs.GetAsync($"api/v1/consignments/{first}/risk")).ExpectAsync(200);
        var hit = atFirst["items"]![0]!["decision"]!["hits"]!.AsArray().Single()!;
        Assert.Equal("first-time", hit["ruleId"]!.GetValue<string>());
        Assert.Contains("trader_first_time = yes", hit["facts"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("yellow", atFirst["channel"]!.GetValue<string>());
        var atSecond = await (await _customs.GetAsync($"api/v1/consignments/{second}/risk")).ExpectAsync(200);
        Assert.Empty(atSecond["items"]![0]!["decision"]!["hits"]!.AsArray());

        // Inspection feedback sees the same facts: the first consignment's item marks the first-time rule.
        var recorded = await (await _customs.PostJsonAsync($"api/v1/consignments/{first}/inspection-results", new { itemNumber = 1, found = false })).ExpectAsync(201);
        Assert.Equal(["first-time"], recorded["rulesMarked"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray());
    }

    [Fact]
    public async Task Draft_Replay_Activate_ThenTheDecisionIsExplained_AndANewVersionAppliesWithoutRestart()
    {
        var consignment = await LodgeAsync();

        var refused = await (await _customs.PostJsonAsync("api/v1/risk/rule-sets", RuleSet("broken",
            new { id = "apples", name = "Apples", condition = "hs startswith 0808", weight = 30 }))).ExpectAsync(422);
        Assert.Contains("rule apples: at ", refused["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var first = await (await _customs.PostJsonAsync("api/v1/risk/rule-sets", RuleSet("fresh fruit from UZ",
            new { id = "fruit-uz", name = "Fresh fruit from UZ", condition = """hs startswith "0808" and origin == "UZ" """, weight = 40 },
            new { id = "cheap", name = "Under 0.1 per kg", condition = "value_per_kg < 0.1", weight = 50 }))).ExpectAsync(201);
        var version = first["version"]!.GetValue<int>();
        Assert.Equal("draft", first["status"]!.GetValue<string>());

        var replay = await (await _customs.GetAsync($"api/v1/risk/rule-sets/{version}/replay")).ExpectAsync(200);
        Assert.Equal(2, replay["itemsReplayed"]!.GetValue<int>());
        Assert.Equal(2, replay["changed"]!.GetValue<int>());
        await (await _customs.GetAsync($"api/v1/consignments/{consignment}/risk")).ExpectAsync(409);

        await (await _customs.PostJsonAsync($"api/v1/risk/rule-sets/{version}/activate", new { })).ExpectAsync(200);
        var decision = await (await _customs.GetAsync($"api/v1/consignments/{consignment}/risk")).ExpectAsync(200);
        var apples = decision["items"]!.AsArray().Single(i => i!["itemNumber"]!.GetValue<int>() == 1)!["decision"]!;
        Assert.Equal(40, apples["score"]!.GetValue<int>());
        Assert.Equal("fruit-uz", apples["hits"]![0]!["ruleId"]!.GetValue<string>());
        Assert.Contains("origin = \"UZ\"", apples["hits"]![0]!["facts"]!.GetValue<string>(), StringComparison.Ordinal);

        var second = await (await _customs.PostJsonAsync("api/v1/risk/rule-sets", RuleSet("apples are high risk this month",
            new { id = "fruit-uz", name = "Fresh fruit from UZ", condition = """hs startswith "0808" and origin == "UZ" """, weight = 80 }))).ExpectAsync(201);
        await (await _customs.PostJsonAsync($"api/v1/risk/rule-sets/{second["version"]!.GetValue<int>()}/activate", new { })).ExpectAsync(200);
        var after = await (await _customs.GetAsync($"api/v1/consignments/{consignment}/risk")).ExpectAsync(200);
        Assert.Equal(second["version"]!.GetValue<int>(), after["rulesVersion"]!.GetValue<int>());
        Assert.Equal(80, after["items"]!.AsArray().Single(i => i!["itemNumber"]!.GetValue<int>() == 1)!["decision"]!["score"]!.GetValue<int>());
        var sets = await (await _customs.GetAsync("api/v1/risk/rule-sets")).ExpectAsync(200);
        Assert.Equal(["active", "retired"], sets.AsArray().Select(s => s!["status"]!.GetValue<string>()).ToArray());

        await (await _customs.PostJsonAsync($"api/v1/risk/rule-sets/{version}/activate", new { })).ExpectAsync(409);
        await (await _importer.GetAsync($"api/v1/consignments/{consignment}/risk")).ExpectAsync(403);
        await (await _importer.PostJsonAsync("api/v1/risk/rule-sets", RuleSet("x", new { id = "a", name = "a", condition = "true", weight = 1 }))).ExpectAsync(403);
    }

    [Fact]
    public async Task InspectionResults_MarkTheRulesThatHeld_AsHitsOrMisses_Once()
    {
        var first = await LodgeAsync();
        var second = await LodgeAsync();
        var set = await (await _customs.PostJsonAsync("api/v1/risk/rule-sets", RuleSet("fruit",
            new { id = "fruit-uz", name = "Fresh fruit from UZ", condition = """hs startswith "0808" and origin == "UZ" """, weight = 40 },
            new { id = "any-import", name = "Every import", condition = """procedure == "import" """, weight = 1 }))).ExpectAsync(201);
        await (await _customs.PostJsonAsync($"api/v1/risk/rule-sets/{set["version"]!.GetValue<int>()}/activate", new { })).ExpectAsync(200);

        var found = await (await _customs.PostJsonAsync($"api/v1/consignments/{first}/inspection-results", new { itemNumber = 1, found = true, findings = "undeclared second layer of cartons" })).ExpectAsync(201);
        Assert.Equal(["fruit-uz", "any-import"], found["rulesMarked"]!.AsArray().Select(r => r!.GetValue<string>()).ToArray());
        await (await _customs.PostJsonAsync($"api/v1/consignments/{second}/inspection-results", new { itemNumber = 1, found = false })).ExpectAsync(201);
        await (await _customs.PostJsonAsync($"api/v1/consignments/{second}/inspection-results", new { itemNumber = 2, found = false })).ExpectAsync(201);
        var again = await (await _customs.PostJsonAsync($"api/v1/consignments/{first}/inspection-results", new { itemNumber = 1, found = false })).ExpectAsync(409);
        Assert.Equal("inspection.already_recorded", again["code"]!.GetValue<string>());
        await (await _customs.PostJsonAsync($"api/v1/consignments/{first}/inspection-results", new { itemNumber = 9, found = false })).ExpectAsync(422);

        var precision = await (await _customs.GetAsync("api/v1/risk/rule-sets/precision")).ExpectAsync(200);
        var fruit = precision.AsArray().Single(p => p!["ruleId"]!.GetValue<string>() == "fruit-uz")!;
        Assert.Equal((2, 1, 0.5m), (fruit["inspected"]!.GetValue<int>(), fruit["found"]!.GetValue<int>(), fruit["precision"]!.GetValue<decimal>()));
        var any = precision.AsArray().Single(p => p!["ruleId"]!.GetValue<string>() == "any-import")!;
        Assert.Equal((3, 1), (any["inspected"]!.GetValue<int>(), any["found"]!.GetValue<int>()));
    }
}
