using System.Text.Json.Nodes;
using Caravan.Cli.Demo;
using Caravan.Documents.Origin;

namespace Caravan.Tests.TestSupport;

/// <summary>The parties and steps of the certificate-of-origin flow between UZ (issuer) and KZ (importer), for network tests.</summary>
public sealed class OriginScenario
{
    private OriginScenario(TestNetwork network, HttpClient exporter, HttpClient authority, HttpClient customs, HttpClient otherExporter)
    {
        Network = network;
        Exporter = exporter;
        Authority = authority;
        Customs = customs;
        OtherExporter = otherExporter;
    }

    public TestNetwork Network { get; }

    public HttpClient Exporter { get; }

    public HttpClient Authority { get; }

    public HttpClient Customs { get; }

    public HttpClient OtherExporter { get; }

    public static async Task<OriginScenario> CreateAsync(TestNetwork network)
    {
        using var uzOperator = network["UZ"].CreateClient();
        using var kzOperator = network["KZ"].CreateClient();
        var exporter = await uzOperator.CreatePartyAsync("fergana-fruits", "Fergana Valley Fruits LLC", "trader");
        var other = await uzOperator.CreatePartyAsync("samarkand-silk", "Samarkand Silk JSC", "trader");
        var authority = await uzOperator.CreatePartyAsync("uz-chamber", "UZ Chamber of Commerce", "issuing_authority");
        var customs = await kzOperator.CreatePartyAsync("kz-customs", "KZ State Revenue Committee", "customs");
        return new OriginScenario(network, network["UZ"].CreateClient(exporter), network["UZ"].CreateClient(authority),
            network["KZ"].CreateClient(customs), network["UZ"].CreateClient(other));
    }

    public static JsonNode ApplicationBody(string destination = "KZ") => new JsonObject
    {
        ["destinationCountry"] = destination,
        ["certificate"] = JsonNode.Parse(CertificateOfOriginJson.ToJson(DemoCertificates.ApplesApplication(DateOnly.FromDateTime(DateTime.UnixEpoch.AddDays(20_400))))),
    };

    /// <summary>Applies and approves; returns the certificate number.</summary>
    public async Task<string> IssueAsync()
    {
        var application = await (await Exporter.PostJsonAsync("api/v1/origin/applications", ApplicationBody().ToJsonString())).ExpectAsync(201);
        var id = application["id"]!.GetValue<string>();
        var issued = await (await Authority.PostJsonAsync($"api/v1/origin/applications/{id}/approve", new { officerName = "Nodira Yusupova", place = "Tashkent" })).ExpectAsync(201);
        return issued["number"]!.GetValue<string>();
    }

    /// <summary>Polls a GET until the predicate holds (the network is asynchronous), failing after a timeout.</summary>
    public static async Task<JsonNode> EventuallyAsync(HttpClient client, string path, Func<JsonNode, bool> done, int timeoutSeconds = 30)
    {
        var deadline = Environment.TickCount64 + (timeoutSeconds * 1000L);
        string last = "";
        while (Environment.TickCount64 < deadline)
        {
            var response = await client.GetAsync(path);
            last = await response.Content.ReadAsStringAsync();
            if (response.IsSuccessStatusCode && done(JsonNode.Parse(last)!))
            {
                return JsonNode.Parse(last)!;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException($"GET {path} did not reach the expected state; last answer: {last}");
    }
}
