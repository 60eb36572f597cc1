using System.Text.Json.Nodes;
using Caravan.Cli.Demo;
using Caravan.Documents.Declarations;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Node.Network;

/// <summary>Lodging a consignment through the API, from a JSON declaration or WCO DMS XML; amendments; who may do what.</summary>
public sealed class DeclarationApiTests : IAsyncLifetime
{
    private TestNetwork _network = null!;
    private HttpClient _trader = null!;
    private HttpClient _otherTrader = null!;
    private HttpClient _broker = null!;
    private HttpClient _plant = null!;
    private HttpClient _customs = null!;

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.StartAsync(["UZ", "KZ"]);
        using var op = _network["UZ"].CreateClient();
        _trader = _network["UZ"].CreateClient(await op.CreatePartyAsync("fergana-fruits", "Fergana Valley Fruits LLC", "trader"));
        _otherTrader = _network["UZ"].CreateClient(await op.CreatePartyAsync("samarkand-silk", "Samarkand Silk JSC", "trader"));
        _broker = _network["UZ"].CreateClient(await op.CreatePartyAsync("silk-road-brokers", "Silk Road Customs Brokers", "broker"));
        _plant = _network["UZ"].CreateClient(await op.CreatePartyAsync("uz-plant", "UZ Plant Quarantine", "agency"));
        _customs = _network["UZ"].CreateClient(await op.CreatePartyAsync("uz-customs", "UZ Customs Committee", "customs"));
        await (await op.PostJsonAsync("api/v1/matrix/versions", new
        {
            rules = new object[]
            {
                new { id = "fruit-inspection", hsPrefix = "08", procedure = "export", action = "inspection", agencyPartyId = "uz-plant" },
                new { id = "export-clearance", hsPrefix = "", procedure = "export", action = "customs_clearance", agencyPartyId = "uz-customs" },
            },
        })).ExpectAsync(201);
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    private static JsonNode Body(CustomsDeclaration declaration, string? onBehalfOf = null)
    {
        var body = new JsonObject { ["declaration"] = JsonNode.Parse(DeclarationJson.ToJson(declaration)) };
        if (onBehalfOf is not null)
        {
            body["onBehalfOf"] = onBehalfOf;
        }
        return body;
    }

    [Fact]
    public async Task JsonDeclaration_Drafted_ThenSubmitted_OpensEveryTaskAtOnce()
    {
        var draft = await (await _trader.PostJsonAsync("api/v1/consignments", Body(DemoDeclarations.ApplesExport(new DateOnly(2026, 9, 17))).ToJsonString())).ExpectAsync(201);
        Assert.Equal("draft", draft["status"]!.GetValue<string>());
        Assert.Equal("export", draft["procedure"]!.GetValue<string>());
        Assert.Equal("Fergana Valley Fruits LLC", draft["declaration"]!["exporter"]!["name"]!.GetValue<string>());
        var id = draft["id"]!.GetValue<string>();
        var submitted = await (await _trader.PostJsonAsync($"api/v1/consignments/{id}/submit", new { })).ExpectAsync(200);
        var actions = submitted["tasks"]!.AsArray().Select(t => t!["action"]!.GetValue<string>()).Order().ToList();
        Assert.Equal(["customs_clearance", "inspection"], actions);
        Assert.All(submitted["tasks"]!.AsArray(), t => Assert.Equal("open", t!["status"]!.GetValue<string>()));
        await (await _otherTrader.GetAsync($"api/v1/consignments/{id}")).ExpectAsync(404);
    }

    [Fact]
    public async Task InvalidJsonDeclaration_IsRefusedWithFieldPaths_AndNothingIsStored()
    {
        var body = Body(DemoDeclarations.ApplesExport(new DateOnly(2026, 9, 17)));
        body["declaration"]!["items"]![1]!["hsCode"] = "999999";
        var refused = await (await _trader.PostJsonAsync("api/v1/consignments", body.ToJsonString())).ExpectAsync(422);
        Assert.Equal("declaration.items[1].hsCode", refused["errors"]![0]!["path"]!.GetValue<string>());
        Assert.Equal("hs_code.unknown", refused["errors"]![0]!["code"]!.GetValue<string>());

        var elsewhere = Body(DemoDeclarations.ApplesExport(new DateOnly(2026, 9, 17)) with { ExportCountry = Caravan.Documents.Common.CountryCode.Of("KZ") });
        var wrongNode = await (await _trader.PostJsonAsync("api/v1/consignments", elsewhere.ToJsonString())).ExpectAsync(422);
        Assert.Equal("export_country.not_this_node", wrongNode["errors"]![0]!["code"]!.GetValue<string>());
        var list = await (await _trader.GetAsync("api/v1/consignments")).ExpectAsync(200);
        Assert.Empty(list.AsArray());
    }

    [Fact]
    public async Task IncompleteDraft_IsSaved_ButSubmitNamesWhatIsMissing_UntilAmended()
    {
        var incomplete = DemoDeclarations.ApplesExport(new DateOnly(2026, 9, 17)) with { Consignee = null };
        incomplete = incomplete with { Items = [incomplete.Items[0] with { OriginCountry = null }] };
        var draft = await (await _trader.PostJsonAsync("api/v1/consignments", Body(incomplete).ToJsonString())).ExpectAsync(201);
        var id = draft["id"]!.GetValue<string>();
        var refused = await (await _trader.PostJsonAsync($"api/v1/consignments/{id}/submit", new { })).ExpectAsync(422);
        Assert.Equal("declaration.incomplete", refused["code"]!.GetValue<string>());
        var paths = refused["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).ToList();
        Assert.Contains("declaration.consignee", paths);
        Assert.Contains("declaration.items[0].originCountry", paths);

        var amended = await (await _trader.PostJsonAsync($"api/v1/consignments/{id}/amend", Body(DemoDeclarations.ApplesExport(new DateOnly(2026, 9, 17))).ToJsonString())).ExpectAsync(200);
        Assert.Equal("Almaty Fresh Market LLP", amended["declaration"]!["consignee"]!["name"]!.GetValue<string>());
        await (await _trader.PostJsonAsync($"api/v1/consignments/{id}/submit", new { })).ExpectAsync(200);
    }

    [Fact]
    public async Task Broker_NeedsAMandate_ThenLodgesForTheTrader()
    {
        var body = Body(DemoDeclarations.ApplesExport(new DateOnly(2026, 9, 17)), onBehalfOf: "fergana-fruits").ToJsonString();
        var refused = await (await _broker.PostJsonAsync("api/v1/consignments", body)).ExpectAsync(403);
        Assert.Equal("mandate.missing", refused["code"]!.GetValue<string>());
        await (await _trader.PostJsonAsync("api/v1/mandates", new { brokerPartyId = "silk-road-brokers", validUntil = DateTimeOffset.Parse("2030-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture) })).ExpectAsync(201);
        var lodged = await (await _broker.PostJsonAsync("api/v1/consignments", body)).ExpectAsync(201);
        Assert.Equal("fergana-fruits", lodged["traderPartyId"]!.GetValue<string>());
        Assert.Equal("silk-road-brokers", lodged["lodgedByPartyId"]!.GetValue<string>());
        // A trader cannot lodge for another trader, and an agency cannot lodge at all.
        await (await _otherTrader.PostJsonAsync("api/v1/consignments", body)).ExpectAsync(403);
        await (await _plant.PostJsonAsync("api/v1/consignments", body)).ExpectAsync(403);
    }

    [Fact]
    public async Task Retry_WithTheSameKey_ReturnsTheSameDraft_AndStoresOne()
    {
        var body = Body(DemoDeclarations.ApplesExport(new DateOnly(2026, 9, 17))).ToJsonString();
        var first = await (await _trader.PostJsonAsync("api/v1/consignments", body, "lodge-apples-1")).ExpectAsync(201);
        var again = await _trader.PostJsonAsync("api/v1/consignments", body, "lodge-apples-1");
        var second = await again.ExpectAsync(201);
        Assert.Equal("true", again.Headers.GetValues("Idempotency-Replayed").Single());
        Assert.Equal(first["id"]!.GetValue<string>(), second["id"]!.GetValue<string>());
        Assert.Single((await (await _trader.GetAsync("api/v1/consignments")).ExpectAsync(200)).AsArray());
    }

    [Fact]
    public async Task DmsXml_IsLodged_AndSchemaErrorsComeBackWithLineNumbers()
    {
        // A WCO DMS export declaration from this node's country (the corpus samples are GB's; see the corpus test).
        var xml = WcoDmsSamples.Export("UZ", "KZ");
        var draft = await (await _trader.PostXmlAsync("api/v1/consignments", System.Text.Encoding.UTF8.GetBytes(xml))).ExpectAsync(201);
        Assert.Equal("export", draft["procedure"]!.GetValue<string>());
        Assert.Equal("080810", draft["declaration"]!["items"]![0]!["hsCode"]!.GetValue<string>());

        var broken = xml.Replace("<GoodsItemQuantity>1</GoodsItemQuantity>", "<GoodsItemQuantity>one</GoodsItemQuantity>", StringComparison.Ordinal);
        var refused = await (await _trader.PostXmlAsync("api/v1/consignments", System.Text.Encoding.UTF8.GetBytes(broken))).ExpectAsync(422);
        Assert.Equal("declaration.schema_invalid", refused["code"]!.GetValue<string>());
        var line = refused["errors"]![0]!["line"]!.GetValue<int>();
        Assert.Contains("<GoodsItemQuantity>", broken.Split('\n')[line - 1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task DmsXml_BrokerLodgesOnBehalfViaQuery_ReplaysByKey_AndAmendsInXml()
    {
        await (await _trader.PostJsonAsync("api/v1/mandates", new { brokerPartyId = "silk-road-brokers", validUntil = DateTimeOffset.Parse("2030-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture) })).ExpectAsync(201);
        var xml = System.Text.Encoding.UTF8.GetBytes(WcoDmsSamples.Export("UZ", "KZ"));
        var first = await (await _broker.PostXmlAsync("api/v1/consignments?onBehalfOf=fergana-fruits", xml, "dms-lodge-1")).ExpectAsync(201);
        Assert.Equal("fergana-fruits", first["traderPartyId"]!.GetValue<string>());
        var again = await _broker.PostXmlAsync("api/v1/consignments?onBehalfOf=fergana-fruits", xml, "dms-lodge-1");
        Assert.Equal(first["id"]!.GetValue<string>(), (await again.ExpectAsync(201))["id"]!.GetValue<string>());
        Assert.Equal("true", again.Headers.GetValues("Idempotency-Replayed").Single());
        // The same key with another document is refused rather than replayed.
        var other = System.Text.Encoding.UTF8.GetBytes(WcoDmsSamples.Export("UZ", "KZ"));
        await (await _broker.PostXmlAsync("api/v1/consignments?onBehalfOf=fergana-fruits", other, "dms-lodge-1")).ExpectAsync(422);
        // So is the same document under the same key for another trader: the query is part of the request.
        var otherTrader = await (await _broker.PostXmlAsync("api/v1/consignments?onBehalfOf=samarkand-silk", xml, "dms-lodge-1")).ExpectAsync(422);
        Assert.Equal("idempotency_key.reused", otherTrader["code"]!.GetValue<string>());

        // Amending in XML replaces the declaration: the stored form is the canonical JSON of the model.
        var id = first["id"]!.GetValue<string>();
        var amendedXml = WcoDmsSamples.Export("UZ", "KZ").Replace("<Description>Fresh apples, Golden Delicious</Description>", "<Description>Fresh apples, Fuji</Description>", StringComparison.Ordinal);
        var amended = await (await _trader.PostXmlAsync($"api/v1/consignments/{id}/amend", System.Text.Encoding.UTF8.GetBytes(amendedXml))).ExpectAsync(200);
        Assert.Equal("Fresh apples, Fuji", amended["declaration"]!["items"]![0]!["description"]!.GetValue<string>());
        var stored = await (await _trader.GetAsync($"api/v1/consignments/{id}")).ExpectAsync(200);
        var read = DeclarationJson.Read(stored["declaration"]!.ToJsonString());
        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        Assert.Equal(DeclarationJson.ToJson(read.Document!), stored["declaration"]!.ToJsonString());
        await (await _trader.PostJsonAsync($"api/v1/consignments/{id}/submit", new { })).ExpectAsync(200);
    }
}
