using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Node.Network;

/// <summary>Every status change on one side reaches the other as a signed business response; both show the same history.</summary>
public sealed class CertificateStatusFlowTests : IAsyncLifetime
{
    private TestNetwork _network = null!;
    private OriginScenario _scenario = null!;

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.StartAsync(["UZ", "KZ"]);
        _scenario = await OriginScenario.CreateAsync(_network);
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    private async Task<string> ReceivedAsync()
    {
        var number = await _scenario.IssueAsync();
        await OriginScenario.EventuallyAsync(_scenario.Customs, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "received");
        return number;
    }

    private static List<string> History(System.Text.Json.Nodes.JsonNode certificate) =>
        certificate["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()).ToList();

    [Fact]
    public async Task Accept_ThenAcquit_ReachTheIssuer_AndBothHistoriesAgree()
    {
        var number = await ReceivedAsync();
        await (await _scenario.Customs.PostJsonAsync($"api/v1/certificates/UZ/{number}/accept", new { reason = "documents in order" })).ExpectAsync(200);
        await (await _scenario.Customs.PostJsonAsync($"api/v1/certificates/UZ/{number}/acquit", new { reason = "consignment cleared" })).ExpectAsync(200);
        var issuer = await OriginScenario.EventuallyAsync(_scenario.Authority, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "acquitted");
        var importer = await (await _scenario.Customs.GetAsync($"api/v1/certificates/UZ/{number}")).ExpectAsync(200);
        Assert.Equal(["issued", "sent", "accepted", "acquitted"], History(issuer));
        Assert.Equal(["received", "accepted", "acquitted"], History(importer));
    }

    [Fact]
    public async Task Reject_NeedsAReason_AndTheIssuerSeesIt()
    {
        var number = await ReceivedAsync();
        var missing = await (await _scenario.Customs.PostJsonAsync($"api/v1/certificates/UZ/{number}/reject", new { reason = (string?)null })).ExpectAsync(422);
        Assert.Equal("reason", missing["errors"]![0]!["path"]!.GetValue<string>());
        await (await _scenario.Customs.PostJsonAsync($"api/v1/certificates/UZ/{number}/reject", new { reason = "consignee name does not match the invoice" })).ExpectAsync(200);
        var issuer = await OriginScenario.EventuallyAsync(_scenario.Authority, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "rejected");
        Assert.Contains("does not match", issuer["history"]!.AsArray()[^1]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Revoke_ReachesTheImporter_AndFurtherUseIsRefused()
    {
        var number = await ReceivedAsync();
        await (await _scenario.Authority.PostJsonAsync($"api/v1/certificates/UZ/{number}/revoke", new { reason = "issued in error" })).ExpectAsync(200);
        await OriginScenario.EventuallyAsync(_scenario.Customs, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "revoked");
        var refused = await (await _scenario.Customs.PostJsonAsync($"api/v1/certificates/UZ/{number}/utilizations", new
        {
            declarationNumber = "KZ-DT-9",
            items = new[] { new { itemNumber = 1, quantity = 1m } },
        })).ExpectAsync(409);
        Assert.Equal("certificate.not_usable", refused["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ImporterCannotRevoke_AndIssuerCannotAccept()
    {
        var number = await ReceivedAsync();
        await (await _scenario.Customs.PostJsonAsync($"api/v1/certificates/UZ/{number}/revoke", new { reason = "no" })).ExpectAsync(403);
        await (await _scenario.Authority.PostJsonAsync($"api/v1/certificates/UZ/{number}/accept", new { reason = "no" })).ExpectAsync(404);
    }

    [Fact]
    public async Task Replace_SendsTheCorrectedCertificate_AndTheOldOneBecomesReplacedOnBothSides()
    {
        var number = await ReceivedAsync();
        var corrected = OriginScenario.ApplicationBody()["certificate"]!;
        corrected["remarks"] = "Corrected consignee address.";
        var replacement = await (await _scenario.Authority.PostJsonAsync($"api/v1/origin/certificates/{number}/replace", new System.Text.Json.Nodes.JsonObject
        {
            ["certificate"] = corrected.DeepClone(),
            ["officerName"] = "Nodira Yusupova",
            ["reason"] = "consignee address corrected",
        }.ToJsonString())).ExpectAsync(201);
        var newNumber = replacement["number"]!.GetValue<string>();
        Assert.NotEqual(number, newNumber);
        await OriginScenario.EventuallyAsync(_scenario.Customs, $"api/v1/certificates/UZ/{newNumber}", c => c["status"]!.GetValue<string>() == "received");
        var old = await OriginScenario.EventuallyAsync(_scenario.Customs, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "replaced");
        Assert.Contains(newNumber, old["history"]!.AsArray()[^1]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
        var issuerOld = await (await _scenario.Authority.GetAsync($"api/v1/certificates/UZ/{number}")).ExpectAsync(200);
        Assert.Equal("replaced", issuerOld["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task AcceptAfterRejection_IsAConflict()
    {
        var number = await ReceivedAsync();
        await (await _scenario.Customs.PostJsonAsync($"api/v1/certificates/UZ/{number}/reject", new { reason = "wrong goods" })).ExpectAsync(200);
        var conflict = await (await _scenario.Customs.PostJsonAsync($"api/v1/certificates/UZ/{number}/accept", new { reason = "oops" })).ExpectAsync(409);
        Assert.Equal("certificate.status_transition", conflict["code"]!.GetValue<string>());
    }
}
