using System.Text.Json.Nodes;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Node.Network;

public sealed class CertificateOfOriginFlowTests : IAsyncLifetime
{
    private TestNetwork _network = null!;
    private OriginScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.StartAsync(["UZ", "KZ"]);
        _scenario = await OriginScenario.CreateAsync(_network);
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task IssuedCertificate_CrossesToKz_UseFlowsBack_AndBothSidesShowTheSameHistory()
    {
        var number = await _scenario.IssueAsync();

        var received = await OriginScenario.EventuallyAsync(_scenario.Customs, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "received");
        Assert.Equal("received", received["direction"]!.GetValue<string>());
        Assert.Contains("http://www.w3.org/2000/09/xmldsig#", received["signedXml"]!.GetValue<string>(), StringComparison.Ordinal);

        var used = await (await _scenario.Customs.PostJsonAsync($"api/v1/certificates/UZ/{number}/utilizations", new
        {
            declarationNumber = "KZ-DT-1",
            items = new[] { new { itemNumber = 1, quantity = 12000m } },
        })).ExpectAsync(201);
        Assert.Equal("partially_utilized", used["status"]!.GetValue<string>());
        Assert.Equal(7200m, used["items"]![0]!["remaining"]!.GetValue<decimal>());

        var atIssuer = await OriginScenario.EventuallyAsync(_scenario.Authority, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "partially_utilized");
        var history = atIssuer["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()).ToList();
        Assert.Equal(["issued", "sent", "partially_utilized"], history);
        Assert.Equal(7200m, atIssuer["items"]![0]!["remaining"]!.GetValue<decimal>());
        Assert.Equal("KZ-DT-1", atIssuer["utilizations"]![0]!["declarationNumber"]!.GetValue<string>());

        var exporterView = await (await _scenario.Exporter.GetAsync($"api/v1/certificates/UZ/{number}")).ExpectAsync(200);
        Assert.Equal("partially_utilized", exporterView["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task Use_BeyondTheRemainingQuantity_IsAConflictAndDrawsNothing()
    {
        var number = await _scenario.IssueAsync();
        await OriginScenario.EventuallyAsync(_scenario.Customs, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "received");
        await (await _scenario.Customs.PostJsonAsync($"api/v1/certificates/UZ/{number}/utilizations", new
        {
            declarationNumber = "KZ-DT-2",
            items = new[] { new { itemNumber = 1, quantity = 19000m } },
        })).ExpectAsync(201);

        var conflict = await (await _scenario.Customs.PostJsonAsync($"api/v1/certificates/UZ/{number}/utilizations", new
        {
            declarationNumber = "KZ-DT-3",
            items = new object[] { new { itemNumber = 2, quantity = 10m }, new { itemNumber = 1, quantity = 500m } },
        })).ExpectAsync(409);
        Assert.Equal("certificate.quantity_exceeded", conflict["code"]!.GetValue<string>());
        var error = conflict["errors"]!.AsArray().Single();
        Assert.Equal("items[1].quantity", error!["path"]!.GetValue<string>());
        Assert.Contains("only 200", error["message"]!.GetValue<string>(), StringComparison.Ordinal);

        var after = await (await _scenario.Customs.GetAsync($"api/v1/certificates/UZ/{number}")).ExpectAsync(200);
        Assert.Equal(0m, after["items"]![1]!["used"]!.GetValue<decimal>());
        Assert.Single(after["utilizations"]!.AsArray());
    }

    [Fact]
    public async Task Use_ThatExhaustsEveryItem_MarksTheCertificateUtilized_AndFurtherUseIsRefused()
    {
        var number = await _scenario.IssueAsync();
        await OriginScenario.EventuallyAsync(_scenario.Customs, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "received");
        var used = await (await _scenario.Customs.PostJsonAsync($"api/v1/certificates/UZ/{number}/utilizations", new
        {
            declarationNumber = "KZ-DT-4",
            items = new object[] { new { itemNumber = 1, quantity = 19200m }, new { itemNumber = 2, quantity = 1000m } },
        })).ExpectAsync(201);
        Assert.Equal("utilized", used["status"]!.GetValue<string>());
        var refused = await (await _scenario.Customs.PostJsonAsync($"api/v1/certificates/UZ/{number}/utilizations", new
        {
            declarationNumber = "KZ-DT-5",
            items = new[] { new { itemNumber = 1, quantity = 1m } },
        })).ExpectAsync(409);
        Assert.Equal("certificate.not_usable", refused["code"]!.GetValue<string>());
        await OriginScenario.EventuallyAsync(_scenario.Authority, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "utilized");
    }

    [Fact]
    public async Task Exporter_SeesOnlyItsOwnApplicationsAndCertificates()
    {
        var number = await _scenario.IssueAsync();
        var list = await (await _scenario.OtherExporter.GetAsync("api/v1/origin/applications")).ExpectAsync(200);
        Assert.Empty(list.AsArray());
        var ownList = await (await _scenario.Exporter.GetAsync("api/v1/origin/applications")).ExpectAsync(200);
        var id = ownList[0]!["id"]!.GetValue<string>();
        await (await _scenario.OtherExporter.GetAsync($"api/v1/origin/applications/{id}")).ExpectAsync(404);
        await (await _scenario.OtherExporter.GetAsync($"api/v1/certificates/UZ/{number}")).ExpectAsync(404);
        var certificates = await (await _scenario.OtherExporter.GetAsync("api/v1/certificates")).ExpectAsync(200);
        Assert.Empty(certificates.AsArray());
    }

    [Fact]
    public async Task Roles_AreEnforced_ExporterCannotApproveAndCustomsCannotApply()
    {
        var application = await (await _scenario.Exporter.PostJsonAsync("api/v1/origin/applications", OriginScenario.ApplicationBody().ToJsonString())).ExpectAsync(201);
        var id = application["id"]!.GetValue<string>();
        await (await _scenario.Exporter.PostJsonAsync($"api/v1/origin/applications/{id}/approve", new { officerName = "Me" })).ExpectAsync(403);
        using var kzCustomsOnUz = _network["UZ"].CreateClient("cvn_" + new string('a', 43));
        await (await kzCustomsOnUz.PostJsonAsync("api/v1/origin/applications", OriginScenario.ApplicationBody().ToJsonString())).ExpectAsync(401);
    }

    [Fact]
    public async Task Application_WithBadFields_Returns422NamingEachField_AndStoresNothing()
    {
        var body = OriginScenario.ApplicationBody("FR");
        body["certificate"]!["items"]![0]!["hsCode"] = "999999";
        body["certificate"]!["items"]![1]!["quantity"] = new JsonObject { ["value"] = -5, ["unit"] = "KGM" };
        var problem = await (await _scenario.Exporter.PostJsonAsync("api/v1/origin/applications", body.ToJsonString())).ExpectAsync(422);
        var paths = problem["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).ToList();
        Assert.Contains("destinationCountry", paths);
        Assert.Contains(paths, p => p.StartsWith("certificate.items[0].hsCode", StringComparison.Ordinal));
        var list = await (await _scenario.Exporter.GetAsync("api/v1/origin/applications")).ExpectAsync(200);
        Assert.Empty(list.AsArray());
    }

    [Fact]
    public async Task Approve_Twice_IsAConflict_NotASecondCertificate()
    {
        var application = await (await _scenario.Exporter.PostJsonAsync("api/v1/origin/applications", OriginScenario.ApplicationBody().ToJsonString())).ExpectAsync(201);
        var id = application["id"]!.GetValue<string>();
        await (await _scenario.Authority.PostJsonAsync($"api/v1/origin/applications/{id}/approve", new { officerName = "A" })).ExpectAsync(201);
        var again = await (await _scenario.Authority.PostJsonAsync($"api/v1/origin/applications/{id}/approve", new { officerName = "A" })).ExpectAsync(409);
        Assert.Equal("application.already_decided", again["code"]!.GetValue<string>());
    }
}
