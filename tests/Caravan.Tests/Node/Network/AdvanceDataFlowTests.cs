using System.Text.Json.Nodes;
using Caravan.Cli.Demo;
using Caravan.Documents.Common;
using Caravan.Documents.Declarations;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Node.Network;

/// <summary>
/// Advance customs data across the border: releasing an export in UZ sends its ACDD to KZ customs, which links it to
/// the import declaration that quotes the export's number (whichever comes first) and sees every mismatch.
/// </summary>
public sealed class AdvanceDataFlowTests : IAsyncLifetime
{
    private static readonly DateOnly Today = new(2026, 9, 17);
    private TestNetwork _network = null!;
    private HttpClient _exporter = null!;
    private HttpClient _uzCustoms = null!;
    private HttpClient _importer = null!;
    private HttpClient _kzCustoms = null!;
    private HttpClient _kzPlant = null!;

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.StartAsync(["UZ", "KZ"]);
        using var uzOp = _network["UZ"].CreateClient();
        using var kzOp = _network["KZ"].CreateClient();
        _exporter = _network["UZ"].CreateClient(await uzOp.CreatePartyAsync("fergana-fruits", "Fergana Valley Fruits LLC", "trader"));
        _uzCustoms = _network["UZ"].CreateClient(await uzOp.CreatePartyAsync("uz-customs", "UZ Customs Committee", "customs"));
        _importer = _network["KZ"].CreateClient(await kzOp.CreatePartyAsync("almaty-fresh", "Almaty Fresh Market LLP", "trader"));
        _kzCustoms = _network["KZ"].CreateClient(await kzOp.CreatePartyAsync("kz-customs", "KZ State Revenue Committee", "customs"));
        _kzPlant = _network["KZ"].CreateClient(await kzOp.CreatePartyAsync("kz-plant", "KZ Phytosanitary Control", "agency"));
        await (await uzOp.PostJsonAsync("api/v1/matrix/versions", new
        {
            rules = new[] { new { id = "export-clearance", hsPrefix = "", procedure = "export", action = "customs_clearance", agencyPartyId = "uz-customs" } },
        })).ExpectAsync(201);
        await (await kzOp.PostJsonAsync("api/v1/matrix/versions", new
        {
            rules = new object[]
            {
                new { id = "import-clearance", hsPrefix = "", procedure = "import", action = "customs_clearance", agencyPartyId = "kz-customs" },
                new { id = "fruit-import", hsPrefix = "08", procedure = "import", action = "inspection", agencyPartyId = "kz-plant" },
            },
        })).ExpectAsync(201);
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    private static string Body(CustomsDeclaration declaration) => new JsonObject { ["declaration"] = JsonNode.Parse(DeclarationJson.ToJson(declaration)) }.ToJsonString();

    /// <summary>Lodges and releases the apples export in UZ; returns its consignment id (the ACDD's permit number).</summary>
    private async Task<string> ReleaseExportAsync()
    {
        var draft = await (await _exporter.PostJsonAsync("api/v1/consignments", Body(DemoDeclarations.ApplesExport(Today)))).ExpectAsync(201);
        var id = draft["id"]!.GetValue<string>();
        var submitted = await (await _exporter.PostJsonAsync($"api/v1/consignments/{id}/submit", new { })).ExpectAsync(200);
        var task = submitted["tasks"]![0]!["id"]!.GetValue<string>();
        var released = await (await _uzCustoms.PostJsonAsync($"api/v1/tasks/{task}/decision", new { decision = "approve" })).ExpectAsync(200);
        Assert.Equal("released", released["status"]!.GetValue<string>());
        Assert.Contains(released["history"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "advance-data-sent");
        return id;
    }

    private async Task<string> LodgeImportAsync(string permit, decimal applesKg)
    {
        var declaration = DemoDeclarations.ApplesImport(Today, permit);
        declaration = declaration with { Items = [declaration.Items[0] with { Quantity = Quantity.Create(applesKg, "KGM").Value, NetMassKg = applesKg }, declaration.Items[1]] };
        var draft = await (await _importer.PostJsonAsync("api/v1/consignments", Body(declaration))).ExpectAsync(201);
        var id = draft["id"]!.GetValue<string>();
        await (await _importer.PostJsonAsync($"api/v1/consignments/{id}/submit", new { })).ExpectAsync(200);
        return id;
    }

    [Fact]
    public async Task ExportRelease_SendsTheAcdd_AndTheImportLodgedLater_IsLinkedWithItsMismatches()
    {
        var permit = await ReleaseExportAsync();
        var received = await OriginScenario.EventuallyAsync(_kzCustoms, "api/v1/advance-data", list => list.AsArray().Any(a => a!["declarationNumber"]!.GetValue<string>() == permit));
        var acdd = received.AsArray().Single(a => a!["declarationNumber"]!.GetValue<string>() == permit)!;
        Assert.Null(acdd["consignmentId"]);
        Assert.Equal("Fergana Valley Fruits LLC", acdd["document"]!["exporter"]!["name"]!.GetValue<string>());
        Assert.Equal("KZALA", acdd["document"]!["portOfDischarge"]!.GetValue<string>());

        var import = await LodgeImportAsync(permit, 15_000m);
        var data = await (await _kzCustoms.GetAsync($"api/v1/consignments/{import}/advance-data")).ExpectAsync(200);
        var linked = Assert.Single(data.AsArray())!;
        Assert.Equal(permit, linked["declarationNumber"]!.GetValue<string>());
        var mismatch = Assert.Single(linked["mismatches"]!.AsArray())!;
        Assert.Equal("items.quantity", mismatch["field"]!.GetValue<string>());
        Assert.Equal(1, mismatch["itemNumber"]!.GetValue<int>());
        Assert.Equal("19200 KGM", mismatch["announced"]!.GetValue<string>());

        var history = await (await _kzCustoms.GetAsync($"api/v1/consignments/{import}")).ExpectAsync(200);
        Assert.Contains(history["history"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "advance-data-linked"
            && e["reason"]!.GetValue<string>().Contains("1 mismatch", StringComparison.Ordinal));

        // The trader and the plant agency see the consignment but not customs' advance data; UZ sees its own ACDD as sent.
        await (await _importer.GetAsync($"api/v1/consignments/{import}/advance-data")).ExpectAsync(403);
        await (await _kzPlant.GetAsync($"api/v1/consignments/{import}/advance-data")).ExpectAsync(403);
        var sent = await (await _uzCustoms.GetAsync($"api/v1/consignments/{permit}/advance-data")).ExpectAsync(200);
        Assert.Equal("sent", sent[0]!["direction"]!.GetValue<string>());
        Assert.Empty(sent[0]!["mismatches"]!.AsArray());
    }

    [Fact]
    public async Task ImportLodgedFirst_IsLinkedWhenTheAcddArrives()
    {
        // The importer quotes the permit number before UZ releases: lodge the export, learn its number, import, then release.
        var draft = await (await _exporter.PostJsonAsync("api/v1/consignments", Body(DemoDeclarations.ApplesExport(Today)))).ExpectAsync(201);
        var permit = draft["id"]!.GetValue<string>();
        var submitted = await (await _exporter.PostJsonAsync($"api/v1/consignments/{permit}/submit", new { })).ExpectAsync(200);
        var import = await LodgeImportAsync(permit, 19_200m);
        await (await _uzCustoms.PostJsonAsync($"api/v1/tasks/{submitted["tasks"]![0]!["id"]!.GetValue<string>()}/decision", new { decision = "approve" })).ExpectAsync(200);

        var data = await OriginScenario.EventuallyAsync(_kzCustoms, $"api/v1/consignments/{import}/advance-data", d => d.AsArray().Count == 1);
        Assert.Empty(data[0]!["mismatches"]!.AsArray());
        var history = await (await _kzCustoms.GetAsync($"api/v1/consignments/{import}")).ExpectAsync(200);
        Assert.Contains(history["history"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "advance-data-linked"
            && e["reason"]!.GetValue<string>().Contains("no mismatch", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReceivedAcdd_FromTheWrongCountry_OrIncomplete_IsRejectedWhole()
    {
        var kz = _network["KZ"].Services;
        var handler = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetServices<Caravan.Exchange.Gateway.IInboundMessageHandler>(kz)
            .OfType<Caravan.Window.Acdd.AcddHandler>().Single();
        var database = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Caravan.Storage.CaravanDatabase>(kz);
        var signer = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions.GetRequiredService<Caravan.NodeContext>(_network["UZ"].Services).Identity.Certificate;
        var valid = Caravan.Documents.Acdd.AcddDerivation.FromExport(DemoDeclarations.ApplesExport(Today), "cns_test_1", null);

        async Task<string> CodeAsync(byte[] payload)
        {
            var message = new Caravan.Exchange.Gateway.InboundMessage("m-" + Guid.NewGuid().ToString("N"), "UZ", Caravan.Exchange.Gateway.As4Services.Customs,
                Caravan.Exchange.Gateway.As4Services.AdvanceCustomsDeclarationAction, "c", null,
                [new Caravan.Exchange.As4.As4Attachment("cid:1", "application/json", Caravan.Exchange.As4.PayloadContent.FromBytes(payload))], signer, TimeProvider.System.GetUtcNow());
            string code = "";
            await database.InTransactionAsync(async (unit, ct) =>
            {
                var result = await handler.HandleAsync(message, unit, ct);
                code = result.IsSuccess ? "ok" : result.Failure.Code;
                return result;
            }, CancellationToken.None);
            return code;
        }

        Assert.Equal("document.export_country", await CodeAsync(Caravan.Documents.Acdd.AcddJson.ToUtf8Bytes(valid with { ExportCountry = CountryCode.Of("CN") })));
        Assert.Equal("document.import_country", await CodeAsync(Caravan.Documents.Acdd.AcddJson.ToUtf8Bytes(valid with { ImportCountry = CountryCode.Of("CN") })));
        Assert.Equal("document.invalid", await CodeAsync(Caravan.Documents.Acdd.AcddJson.ToUtf8Bytes(valid with { Consignee = null })));
        Assert.Equal("document.invalid", await CodeAsync("{ not json"u8.ToArray()));
        Assert.Equal("ok", await CodeAsync(Caravan.Documents.Acdd.AcddJson.ToUtf8Bytes(valid)));
        Assert.Equal("acdd.exists", await CodeAsync(Caravan.Documents.Acdd.AcddJson.ToUtf8Bytes(valid)));
    }
}
