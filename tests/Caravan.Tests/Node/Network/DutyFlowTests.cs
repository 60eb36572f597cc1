using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Caravan.Cli.Demo;
using Caravan.Documents.Declarations;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Node.Network;

/// <summary>
/// Duty with preferences across the border: KZ customs assesses the apples' import; the certificate of origin UZ
/// issued and KZ received gives the CISFTA rate and is drawn down once, and UZ sees the use.
/// </summary>
public sealed class DutyFlowTests : IAsyncLifetime
{
    private const string Tariff = """
        code,valid_from,valid_to,mfn,vat_percent,excise,preferences
        080810,2026-01-01,,10,12,,CISFTA:UZ|KG|TJ=0
        081310,2026-01-01,,15,12,,
        """;

    private TestNetwork _network = null!;
    private OriginScenario _origin = null!;
    private HttpClient _importer = null!;
    private HttpClient _kzOperator = null!;

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.StartAsync(["UZ", "KZ"]);
        _origin = await OriginScenario.CreateAsync(_network);
        _kzOperator = _network["KZ"].CreateClient();
        _importer = _network["KZ"].CreateClient(await _kzOperator.CreatePartyAsync("almaty-fresh", "Almaty Fresh Market LLP", "trader"));
        await (await _kzOperator.PostJsonAsync("api/v1/matrix/versions", new
        {
            rules = new[] { new { id = "import-clearance", hsPrefix = "", procedure = "import", action = "customs_clearance", agencyPartyId = "kz-customs" } },
        })).ExpectAsync(201);
        await PublishTariffAsync(Tariff, 201);
        await (await _kzOperator.PostJsonAsync("api/v1/exchange-rates", new[] { new { currency = "USD", validFrom = "2020-01-01", nationalPerUnit = 470m } })).ExpectAsync(201);
    }

    public async Task DisposeAsync()
    {
        _kzOperator.Dispose();
        await _network.DisposeAsync();
    }

    private async Task<JsonNode> PublishTariffAsync(string csv, int expected)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/tariff/versions") { Content = new StringContent(csv, Encoding.UTF8, "text/csv") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        return await (await _kzOperator.SendAsync(request)).ExpectAsync(expected);
    }

    private async Task<string> LodgeImportAsync()
    {
        var body = new JsonObject { ["declaration"] = JsonNode.Parse(DeclarationJson.ToJson(DemoDeclarations.ApplesImport(DateOnly.FromDateTime(DateTime.UnixEpoch.AddDays(20_400)), "UZ-EXPORT-1"))) };
        var draft = await (await _importer.PostJsonAsync("api/v1/consignments", body.ToJsonString())).ExpectAsync(201);
        var id = draft["id"]!.GetValue<string>();
        await (await _importer.PostJsonAsync($"api/v1/consignments/{id}/submit", new { })).ExpectAsync(200);
        return id;
    }

    [Fact]
    public async Task ReceivedCertificate_GivesThePreference_IsDrawnDownOnce_AndTheIssuerSeesTheUse()
    {
        var number = await _origin.IssueAsync();
        await OriginScenario.EventuallyAsync(_origin.Customs, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "received");
        var import = await LodgeImportAsync();

        var outcome = await (await _origin.Customs.PostJsonAsync($"api/v1/consignments/{import}/duty", new { certificate = new { issuingCountry = "UZ", number } })).ExpectAsync(201);
        var items = outcome["assessment"]!["items"]!.AsArray();
        var apples = items.Single(i => i!["itemNumber"]!.GetValue<int>() == 1)!;
        var appleDuty = apples["components"]!.AsArray().Single(c => c!["kind"]!.GetValue<string>() == "duty")!;
        Assert.Equal(0m, appleDuty["amount"]!.GetValue<decimal>());
        Assert.Contains("CISFTA preference", appleDuty["rateSource"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("470", appleDuty["conversion"]!.GetValue<string>(), StringComparison.Ordinal);
        // Dried apricots: the certificate covers them too, but the tariff grants no CISFTA rate for 081310: MFN, and the note says why.
        var apricots = items.Single(i => i!["itemNumber"]!.GetValue<int>() == 2)!;
        Assert.Equal(Math.Round(3_900m * 470m * 0.15m, 2), apricots["components"]!.AsArray().Single(c => c!["kind"]!.GetValue<string>() == "duty")!["amount"]!.GetValue<decimal>());
        Assert.Contains(outcome["preferenceNotes"]!.AsArray(), n => n!.GetValue<string>().Contains("081310", StringComparison.Ordinal));
        // The importer owes the total: a payment order is raised for it, which the importer sees.
        var order = await (await _importer.GetAsync($"api/v1/payment-orders/{outcome["paymentOrderId"]!.GetValue<string>()}")).ExpectAsync(200);
        Assert.Equal(outcome["assessment"]!["total"]!["amount"]!.GetValue<decimal>(), order["amount"]!["amount"]!.GetValue<decimal>());
        Assert.Equal("consignment-duty", order["purpose"]!.GetValue<string>());

        var issuer = await OriginScenario.EventuallyAsync(_origin.Authority, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "utilized" || c["status"]!.GetValue<string>() == "partially_utilized");
        Assert.Contains(issuer["utilizations"]!.AsArray(), u => u!["declarationNumber"]!.GetValue<string>() == import && u["quantity"]!.GetValue<decimal>() == 19_200m);

        var again = await (await _origin.Customs.PostJsonAsync($"api/v1/consignments/{import}/duty", new { certificate = new { issuingCountry = "UZ", number } })).ExpectAsync(409);
        Assert.Equal("duty.already_assessed", again["code"]!.GetValue<string>());
        var shown = await (await _importer.GetAsync($"api/v1/consignments/{import}/duty")).ExpectAsync(200);
        Assert.Equal(outcome["assessment"]!["total"]!.ToJsonString(), shown["assessment"]!["total"]!.ToJsonString());
    }

    [Fact]
    public async Task UnknownOrRevokedCertificate_MeansMfn_WithTheReason()
    {
        var import = await LodgeImportAsync();
        var outcome = await (await _origin.Customs.PostJsonAsync($"api/v1/consignments/{import}/duty", new { certificate = new { issuingCountry = "UZ", number = "UZ-CO-2026-999999" } })).ExpectAsync(201);
        Assert.Contains("was not received here", outcome["preferenceNotes"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        var duty = outcome["assessment"]!["items"]![0]!["components"]!.AsArray().Single(c => c!["kind"]!.GetValue<string>() == "duty")!;
        Assert.Equal(Math.Round(13_440m * 470m * 0.10m, 2), duty["amount"]!.GetValue<decimal>());
        Assert.Null(outcome["utilizationId"]);

        var number = await _origin.IssueAsync();
        await OriginScenario.EventuallyAsync(_origin.Customs, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "received");
        await (await _origin.Authority.PostJsonAsync($"api/v1/certificates/UZ/{number}/revoke", new { reason = "issued in error" })).ExpectAsync(200);
        await OriginScenario.EventuallyAsync(_origin.Customs, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "revoked");
        var second = await LodgeImportAsync();
        var refused = await (await _origin.Customs.PostJsonAsync($"api/v1/consignments/{second}/duty", new { certificate = new { issuingCountry = "UZ", number } })).ExpectAsync(201);
        Assert.Contains("is revoked", refused["preferenceNotes"]![0]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TariffWithGapsOrOverlaps_IsRefusedNamingTheLines_AndOnlyCustomsAssesses()
    {
        var refused = await PublishTariffAsync("""
            code,valid_from,valid_to,mfn,vat_percent,excise,preferences
            080810,2026-01-01,2026-06-30,10,12,,
            080810,2026-06-15,,8,12,,
            """, 422);
        Assert.Contains(refused["errors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "tariff.overlap" && e["line"]!.GetValue<int>() == 3);
        var line = await (await _importer.GetAsync("api/v1/tariff/lines/0808108001?date=2026-09-17")).ExpectAsync(200);
        Assert.Equal(10m, line["line"]!["mfn"]!["adValoremPercent"]!.GetValue<decimal>());

        var import = await LodgeImportAsync();
        await (await _importer.PostJsonAsync($"api/v1/consignments/{import}/duty", new { })).ExpectAsync(403);
    }
}
