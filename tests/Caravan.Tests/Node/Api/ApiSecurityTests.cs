using System.Net.Http.Headers;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Node.Api;

public sealed class ApiSecurityTests : IAsyncLifetime
{
    private TestNetwork _network = null!;

    public async Task InitializeAsync() => _network = await TestNetwork.StartAsync(["KZ"]);

    public async Task DisposeAsync() => await _network.DisposeAsync();

    private HttpClient Operator() => _network["KZ"].CreateClient();

    [Fact]
    public async Task Get_WithoutToken_Returns401Problem()
    {
        using var client = new HttpClient { BaseAddress = _network["KZ"].BaseUrl };
        var json = await (await client.GetAsync("api/v1/parties")).ExpectAsync(401);
        Assert.Equal("unauthenticated", json["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Get_WithUnknownToken_Returns401()
    {
        using var client = _network["KZ"].CreateClient("cvn_" + new string('x', 43));
        await (await client.GetAsync("api/v1/parties")).ExpectAsync(401);
    }

    [Fact]
    public async Task OperatorEndpoint_WithExporterToken_Returns403()
    {
        using var op = Operator();
        var token = await op.CreatePartyAsync("exp-1", "Exporter One", "trader");
        using var exporter = _network["KZ"].CreateClient(token);
        var json = await (await exporter.GetAsync("api/v1/parties")).ExpectAsync(403);
        Assert.Equal("forbidden", json["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_WithoutIdempotencyKey_Returns400()
    {
        using var op = Operator();
        using var content = new StringContent("""{"id":"x","name":"X","role":"trader"}""", System.Text.Encoding.UTF8, "application/json");
        var json = await (await op.PostAsync("api/v1/parties", content)).ExpectAsync(400);
        Assert.Equal("idempotency_key.missing", json["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_SameKeyTwice_ReplaysTheFirstResponseAndCreatesOnce()
    {
        using var op = Operator();
        var first = await op.PostJsonAsync("api/v1/parties", new { id = "exp-2", name = "Exporter Two", role = "trader" }, "key-1");
        var firstJson = await first.ExpectAsync(201);
        var second = await op.PostJsonAsync("api/v1/parties", new { id = "exp-2", name = "Exporter Two", role = "trader" }, "key-1");
        var secondJson = await second.ExpectAsync(201);
        Assert.Equal(firstJson.ToJsonString(), secondJson.ToJsonString());
        Assert.True(second.Headers.Contains("Idempotency-Replayed"));
        var list = await (await op.GetAsync("api/v1/parties")).ExpectAsync(200);
        Assert.Single(list.AsArray(), p => p!["id"]!.GetValue<string>() == "exp-2");
    }

    [Fact]
    public async Task Post_SameKeyDifferentBody_Returns422()
    {
        using var op = Operator();
        await (await op.PostJsonAsync("api/v1/parties", new { id = "exp-3", name = "Three", role = "trader" }, "key-2")).ExpectAsync(201);
        var json = await (await op.PostJsonAsync("api/v1/parties", new { id = "exp-4", name = "Four", role = "trader" }, "key-2")).ExpectAsync(422);
        Assert.Equal("idempotency_key.reused", json["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_MalformedJson_Returns422NamingThePath()
    {
        using var op = Operator();
        var json = await (await op.PostJsonAsync("api/v1/parties", """{"id":"x","name":"X","role":"pirate"}""")).ExpectAsync(422);
        Assert.Equal("request.json_invalid", json["code"]!.GetValue<string>());
        Assert.Equal("$.role", json["errors"]![0]!["path"]!.GetValue<string>());
    }

    [Fact]
    public async Task Post_InvalidParty_Returns422WithFieldErrorsAndStoresNothing()
    {
        using var op = Operator();
        var json = await (await op.PostJsonAsync("api/v1/parties", new { id = "bad id!", name = "", role = "trader" })).ExpectAsync(422);
        var paths = json["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).ToList();
        Assert.Contains("id", paths);
        Assert.Contains("name", paths);
        var list = await (await op.GetAsync("api/v1/parties")).ExpectAsync(200);
        Assert.DoesNotContain(list.AsArray(), p => p!["id"]!.GetValue<string>() == "bad id!");
    }

    [Fact]
    public async Task CreatedToken_AuthenticatesAsItsParty()
    {
        using var op = Operator();
        var token = await op.CreatePartyAsync("customs-1", "KZ Customs", "customs");
        using var client = new HttpClient { BaseAddress = _network["KZ"].BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        var response = await client.GetAsync("api/v1/parties");
        Assert.Equal(403, (int)response.StatusCode);
    }

    [Fact]
    public async Task OpenApiDocument_IsServed()
    {
        using var client = new HttpClient { BaseAddress = _network["KZ"].BaseUrl };
        var json = await (await client.GetAsync("openapi/v1.json")).ExpectAsync(200);
        Assert.NotNull(json["paths"]!["/api/v1/parties"]);
    }
}
