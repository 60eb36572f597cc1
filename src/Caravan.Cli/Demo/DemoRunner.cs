using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caravan.Documents.Origin;
using Caravan.Node.Hosting;

namespace Caravan.Cli.Demo;

/// <summary>
/// The demo: three country nodes (KZ, UZ, CN) on 127.0.0.1 with SQLite in a temporary folder. An exporter in UZ
/// applies for a certificate of origin, UZ's authority issues it, it crosses to KZ over AS4, KZ customs uses part of
/// it (and is refused when it asks for more than remains), the utilization notice comes back, and the timeline of
/// what crossed the border is printed from both nodes' audit chains.
/// </summary>
public sealed class DemoRunner(TextWriter output, TimeProvider time)
{
    private static readonly (string Code, string Name)[] Countries = [("KZ", "Kazakhstan"), ("UZ", "Uzbekistan"), ("CN", "China")];

    public async Task<int> RunAsync(bool keepRunning, string? folder, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("Caravan demo: starting three national single-window nodes on 127.0.0.1 (SQLite)...").ConfigureAwait(false);
        await using var network = await LocalNetwork.StartAsync(Countries, root: folder, time: time, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var node in network.Nodes.Values)
        {
            await output.WriteLineAsync($"  {node.Country}  {node.BaseUrl}  (data: {node.Options.DataFolder})").ConfigureAwait(false);
        }
        var uz = network["UZ"];
        var kz = network["KZ"];
        using var uzOperator = uz.CreateClient();
        using var kzOperator = kz.CreateClient();

        await Step("Parties: an exporter and the issuing authority in UZ, customs in KZ").ConfigureAwait(false);
        var exporterToken = await CreatePartyAsync(uzOperator, "fergana-fruits", "Fergana Valley Fruits LLC", "trader", cancellationToken).ConfigureAwait(false);
        var authorityToken = await CreatePartyAsync(uzOperator, "uz-chamber", "Chamber of Commerce and Industry of Uzbekistan", "issuing_authority", cancellationToken).ConfigureAwait(false);
        var customsToken = await CreatePartyAsync(kzOperator, "kz-customs", "State Revenue Committee of Kazakhstan", "customs", cancellationToken).ConfigureAwait(false);
        using var exporter = uz.CreateClient(exporterToken);
        using var authority = uz.CreateClient(authorityToken);
        using var customs = kz.CreateClient(customsToken);

        await Step("The exporter applies for a certificate of origin (apples and dried apricots to KZ)").ConfigureAwait(false);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var certificateJson = JsonNode.Parse(CertificateOfOriginJson.ToJson(DemoCertificates.ApplesApplication(today)))!;
        var application = await PostAsync(exporter, "api/v1/origin/applications", new JsonObject { ["destinationCountry"] = "KZ", ["certificate"] = certificateJson }, 201, cancellationToken).ConfigureAwait(false);
        var applicationId = application["id"]!.GetValue<string>();
        await output.WriteLineAsync($"  application {applicationId}: {application["status"]}").ConfigureAwait(false);

        await Step("UZ's issuing authority approves: the certificate is numbered, signed and queued for KZ").ConfigureAwait(false);
        var issued = await PostAsync(authority, $"api/v1/origin/applications/{applicationId}/approve", new JsonObject { ["officerName"] = "Nodira Yusupova", ["place"] = "Tashkent" }, 201, cancellationToken).ConfigureAwait(false);
        var number = issued["number"]!.GetValue<string>();
        await output.WriteLineAsync($"  certificate {number} issued").ConfigureAwait(false);

        await Step($"KZ's node receives {number} over AS4 and customs looks it up").ConfigureAwait(false);
        var received = await WaitForAsync(customs, $"api/v1/certificates/UZ/{number}", c => c["status"]?.GetValue<string>() == "received", cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  KZ holds {number}: status {received["status"]}, items {string.Join(", ", received["items"]!.AsArray().Select(i => $"#{i!["itemNumber"]} {i["quantity"]} {i["unit"]} of HS {i["hsCode"]}"))}").ConfigureAwait(false);

        await Step("KZ customs records its use against import declaration KZ-DT-2026-000417 (12,000 kg of apples)").ConfigureAwait(false);
        var used = await PostAsync(customs, $"api/v1/certificates/UZ/{number}/utilizations", new JsonObject
        {
            ["declarationNumber"] = "KZ-DT-2026-000417",
            ["items"] = new JsonArray(new JsonObject { ["itemNumber"] = 1, ["quantity"] = 12000 }),
        }, 201, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  status {used["status"]}; item 1 remaining {used["items"]![0]!["remaining"]} KGM").ConfigureAwait(false);

        await Step("A second declaration asks for 8,000 kg more than remains: refused, nothing drawn down").ConfigureAwait(false);
        var refused = await PostAsync(customs, $"api/v1/certificates/UZ/{number}/utilizations", new JsonObject
        {
            ["declarationNumber"] = "KZ-DT-2026-000421",
            ["items"] = new JsonArray(new JsonObject { ["itemNumber"] = 1, ["quantity"] = 15200 }),
        }, 409, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  409 {refused["code"]}: {refused["errors"]![0]!["message"]}").ConfigureAwait(false);

        await Step("The utilization notice reaches UZ: the issuer's copy shows the same use and history").ConfigureAwait(false);
        var atIssuer = await WaitForAsync(authority, $"api/v1/certificates/UZ/{number}", c => c["status"]?.GetValue<string>() == "partially_utilized", cancellationToken).ConfigureAwait(false);
        foreach (var entry in atIssuer["history"]!.AsArray())
        {
            await output.WriteLineAsync($"  {Time(entry!["at"]!)}  {entry["status"],-20} by {entry["actor"]}{(entry["reason"] is { } r ? $" ({r})" : "")}").ConfigureAwait(false);
        }

        await Step("What crossed the border (from both nodes' hash-chained audit logs)").ConfigureAwait(false);
        await PrintTimelineAsync(network, cancellationToken).ConfigureAwait(false);

        foreach (var node in network.Nodes.Values)
        {
            using var client = node.CreateClient();
            var verify = await GetAsync(client, "api/v1/exchange/audit/verify", cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"  audit chain of {node.Country}: {(verify["isIntact"]!.GetValue<bool>() ? "intact" : "BROKEN")} ({verify["entriesChecked"]} entries)").ConfigureAwait(false);
        }

        await Step("Browser portals (accounts created for this run; the password is random and printed only here)").ConfigureAwait(false);
        var portalPassword = Caravan.Parties.AccountPasswords.Generate();
        foreach (var (node, username, name, party) in new[]
        {
            (uz, "uz-operator", "UZ node operator", OperatorBootstrap.OperatorPartyId), (uz, "fergana", "Dilshod Karimov", "fergana-fruits"),
            (uz, "uz-officer", "Nodira Yusupova", "uz-chamber"), (kz, "kz-operator", "KZ node operator", OperatorBootstrap.OperatorPartyId),
            (kz, "kz-customs", "Aibek Nurlanov", "kz-customs"),
        })
        {
            using var op = node.CreateClient();
            await PostAsync(op, "api/v1/accounts", new JsonObject { ["username"] = username, ["displayName"] = name, ["partyId"] = party, ["password"] = portalPassword }, 201, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"  {node.Country}  {node.BaseUrl}portal  user {username,-12} ({party})").ConfigureAwait(false);
        }
        await output.WriteLineAsync($"  password for every demo account: {portalPassword}").ConfigureAwait(false);
        var signedXml = atIssuer["signedXml"]!.GetValue<string>();
        await output.WriteLineAsync($"  public verification of {number} (the PDF's QR code): {Caravan.Documents.Rendering.VerificationLink.For(uz.BaseUrl, "UZ", number, signedXml)}").ConfigureAwait(false);
        await output.WriteLineAsync($"  upload a certificate file to check it: {uz.BaseUrl}verify").ConfigureAwait(false);

        if (keepRunning)
        {
            await output.WriteLineAsync().ConfigureAwait(false);
            await output.WriteLineAsync("The nodes keep running; press Ctrl+C to stop. Operator tokens are in each data folder's operator.token.").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C.
            }
        }
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync("Demo complete.").ConfigureAwait(false);
        return 0;
    }

    private async Task PrintTimelineAsync(LocalNetwork network, CancellationToken cancellationToken)
    {
        var rows = new List<(DateTimeOffset At, string Line)>();
        foreach (var node in network.Nodes.Values)
        {
            using var client = node.CreateClient();
            var entries = await GetAsync(client, "api/v1/exchange/audit?limit=1000", cancellationToken).ConfigureAwait(false);
            foreach (var e in entries.AsArray())
            {
                var kind = e!["kind"]!.GetValue<string>();
                var details = e["detailsJson"]?.GetValue<string>() is { } d ? JsonNode.Parse(d) : null;
                var partner = details?["partner"]?.GetValue<string>() ?? details?["from"]?.GetValue<string>() ?? "?";
                var action = details?["action"]?.GetValue<string>() ?? details?["Action"]?.GetValue<string>() ?? "";
                var arrow = kind switch
                {
                    "sent" => $"{node.Country} -> {partner}",
                    "receipted" => $"{node.Country} <- {partner}",
                    "received" => $"{partner} -> {node.Country}",
                    _ => $"{node.Country}",
                };
                if (kind == "received")
                {
                    action += " (signed receipt returned)";
                }
                var at = e["at"]!.GetValue<DateTimeOffset>();
                rows.Add((at, $"  {at.ToUniversalTime():HH:mm:ss.fff}  {arrow,-9}  {kind,-14} {action,-18} {e["messageId"]?.GetValue<string>() ?? ""}"));
            }
        }
        foreach (var row in rows.OrderBy(r => r.At))
        {
            await output.WriteLineAsync(row.Line).ConfigureAwait(false);
        }
    }

    private async Task Step(string text)
    {
        await output.WriteLineAsync().ConfigureAwait(false);
        await output.WriteLineAsync($"== {text}").ConfigureAwait(false);
    }

    private static string Time(JsonNode at) => at.GetValue<DateTimeOffset>().ToUniversalTime().ToString("HH:mm:ss.fff", CultureInfo.InvariantCulture);

    private static async Task<string> CreatePartyAsync(HttpClient client, string id, string name, string role, CancellationToken cancellationToken)
    {
        var created = await PostAsync(client, "api/v1/parties", new JsonObject { ["id"] = id, ["name"] = name, ["role"] = role }, 201, cancellationToken).ConfigureAwait(false);
        return created["token"]!.GetValue<string>();
    }

    private static async Task<JsonNode> PostAsync(HttpClient client, string path, JsonNode body, int expected, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await client.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if ((int)response.StatusCode != expected)
        {
            throw new DemoFailedException($"POST {path} answered {(int)response.StatusCode}, expected {expected}: {text}");
        }
        return JsonNode.Parse(text)!;
    }

    private static async Task<JsonNode> GetAsync(HttpClient client, string path, CancellationToken cancellationToken)
    {
        using var response = await client.GetAsync(path, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new DemoFailedException($"GET {path} answered {(int)response.StatusCode}: {text}");
        }
        return JsonNode.Parse(text)!;
    }

    private async Task<JsonNode> WaitForAsync(HttpClient client, string path, Func<JsonNode, bool> done, CancellationToken cancellationToken)
    {
        var deadline = time.GetUtcNow() + TimeSpan.FromSeconds(60);
        while (true)
        {
            using var response = await client.GetAsync(path, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false))!;
                if (done(json))
                {
                    return json;
                }
            }
            if (time.GetUtcNow() > deadline)
            {
                throw new DemoFailedException($"Timed out waiting for {path}.");
            }
            await Task.Delay(100, cancellationToken).ConfigureAwait(false);
        }
    }
}

/// <summary>A demo step did not get the answer it expected.</summary>
public sealed class DemoFailedException : Exception
{
    public DemoFailedException()
    {
    }

    public DemoFailedException(string message)
        : base(message)
    {
    }

    public DemoFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
