using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Caravan.Documents.Declarations;
using Caravan.Documents.Origin;
using Caravan.Documents.Phyto;
using Caravan.Window.Phyto;
using Caravan.Node.Hosting;

namespace Caravan.Cli.Demo;

/// <summary>
/// The demo: three country nodes (KZ, UZ, CN) on 127.0.0.1 with SQLite in a temporary folder, and one consignment of
/// fresh apples from UZ to KZ through the whole story: the certificate of origin, the export declaration lodged once
/// with both agencies deciding in parallel (the plant agency's approval issuing the ePhyto), release and the ACDD,
/// KZ's inspection and acceptance of the ePhyto, the import declaration linked to the ACDD, the certificate's use,
/// the import's release; and a second export that plant quarantine refuses. It prints the apples' timeline, what
/// crossed the border from both nodes' audit chains, and the portal URLs with per-run accounts.
/// </summary>
public sealed class DemoRunner(TextWriter output, TimeProvider time)
{
    private static readonly (string Code, string Name)[] Countries = [("KZ", "Kazakhstan"), ("UZ", "Uzbekistan"), ("CN", "China")];

    public async Task<int> RunAsync(bool keepRunning, string? folder, CancellationToken cancellationToken)
    {
        await output.WriteLineAsync("Caravan demo: starting three national single-window nodes on 127.0.0.1 (SQLite)...").ConfigureAwait(false);
        // The demo pays customs through the fake payment provider (signed callbacks over HTTP, as a real provider would send).
        await using var network = await LocalNetwork.StartAsync(Countries, root: folder, time: time, configure: o => o.Payments.EnableFakeProvider = true, cancellationToken: cancellationToken).ConfigureAwait(false);
        foreach (var node in network.Nodes.Values)
        {
            await output.WriteLineAsync($"  {node.Country}  {node.BaseUrl}  (data: {node.Options.DataFolder})").ConfigureAwait(false);
        }
        var uz = network["UZ"];
        var kz = network["KZ"];
        using var uzOperator = uz.CreateClient();
        using var kzOperator = kz.CreateClient();

        await Step("Parties: in UZ an exporter, the chamber (certificates of origin), plant quarantine and customs; in KZ an importer, phytosanitary control and customs").ConfigureAwait(false);
        var exporterToken = await CreatePartyAsync(uzOperator, "fergana-fruits", "Fergana Valley Fruits LLC", "trader", cancellationToken).ConfigureAwait(false);
        var authorityToken = await CreatePartyAsync(uzOperator, "uz-chamber", "Chamber of Commerce and Industry of Uzbekistan", "issuing_authority", cancellationToken).ConfigureAwait(false);
        var uzPlantToken = await CreatePartyAsync(uzOperator, "uz-plant", "Plant Quarantine Inspection of Uzbekistan", "agency", cancellationToken).ConfigureAwait(false);
        var uzCustomsToken = await CreatePartyAsync(uzOperator, "uz-customs", "Customs Committee of Uzbekistan", "customs", cancellationToken).ConfigureAwait(false);
        var importerToken = await CreatePartyAsync(kzOperator, "almaty-fresh", "Almaty Fresh Market LLP", "trader", cancellationToken).ConfigureAwait(false);
        var kzPlantToken = await CreatePartyAsync(kzOperator, "kz-plant", "Committee of State Inspection in the Agro-Industrial Complex (phytosanitary control)", "agency", cancellationToken).ConfigureAwait(false);
        var customsToken = await CreatePartyAsync(kzOperator, "kz-customs", "State Revenue Committee of Kazakhstan", "customs", cancellationToken).ConfigureAwait(false);
        using var exporter = uz.CreateClient(exporterToken);
        using var authority = uz.CreateClient(authorityToken);
        using var uzPlant = uz.CreateClient(uzPlantToken);
        using var uzCustoms = uz.CreateClient(uzCustomsToken);
        using var importer = kz.CreateClient(importerToken);
        using var kzPlant = kz.CreateClient(kzPlantToken);
        using var customs = kz.CreateClient(customsToken);

        await Step("Each country publishes its regulatory-requirements matrix").ConfigureAwait(false);
        await PostAsync(uzOperator, "api/v1/matrix/versions", JsonNode.Parse("""
            {"note":"UZ exports","rules":[
              {"id":"fruit-phyto","hsPrefix":"08","procedure":"export","action":"phytosanitary_certificate","agencyPartyId":"uz-plant","description":"fresh and dried fruit needs an ePhyto"},
              {"id":"export-clearance","hsPrefix":"","procedure":"export","action":"customs_clearance","agencyPartyId":"uz-customs"}]}
            """)!, 201, cancellationToken).ConfigureAwait(false);
        await PostAsync(kzOperator, "api/v1/matrix/versions", JsonNode.Parse("""
            {"note":"KZ imports","rules":[
              {"id":"fruit-import-check","hsPrefix":"0808","procedure":"import","action":"phytosanitary_certificate","agencyPartyId":"kz-plant","description":"the exporting country's ePhyto must be accepted"},
              {"id":"import-clearance","hsPrefix":"","procedure":"import","action":"customs_clearance","agencyPartyId":"kz-customs"}]}
            """)!, 201, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync("  UZ: fruit exports need an ePhyto (plant quarantine) and every export customs clearance").ConfigureAwait(false);
        await output.WriteLineAsync("  KZ: apple imports need the ePhyto accepted (phytosanitary control) and every import customs clearance").ConfigureAwait(false);

        await Step("The exporter applies for a certificate of origin; UZ's chamber issues it, signed, and it crosses to KZ over AS4").ConfigureAwait(false);
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var certificateJson = JsonNode.Parse(CertificateOfOriginJson.ToJson(DemoCertificates.ApplesApplication(today)))!;
        var application = await PostAsync(exporter, "api/v1/origin/applications", new JsonObject { ["destinationCountry"] = "KZ", ["certificate"] = certificateJson }, 201, cancellationToken).ConfigureAwait(false);
        var applicationId = application["id"]!.GetValue<string>();
        var issued = await PostAsync(authority, $"api/v1/origin/applications/{applicationId}/approve", new JsonObject { ["officerName"] = "Nodira Yusupova", ["place"] = "Tashkent" }, 201, cancellationToken).ConfigureAwait(false);
        var number = issued["number"]!.GetValue<string>();
        var received = await WaitForAsync(customs, $"api/v1/certificates/UZ/{number}", c => c["status"]?.GetValue<string>() == "received", cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  certificate of origin {number}: issued in UZ, received in KZ (items {string.Join(", ", received["items"]!.AsArray().Select(i => $"#{i!["itemNumber"]} {i["quantity"]} {i["unit"]} of HS {i["hsCode"]}"))})").ConfigureAwait(false);

        await Step("The exporter lodges the export declaration once (WCO Data Model) and submits it: both agencies' tasks open at once").ConfigureAwait(false);
        var exportDraft = await PostAsync(exporter, "api/v1/consignments", new JsonObject { ["declaration"] = JsonNode.Parse(DeclarationJson.ToJson(DemoDeclarations.ApplesExport(today))) }, 201, cancellationToken).ConfigureAwait(false);
        var exportId = exportDraft["id"]!.GetValue<string>();
        var exportLodged = await PostAsync(exporter, $"api/v1/consignments/{exportId}/submit", new JsonObject(), 200, cancellationToken).ConfigureAwait(false);
        await PrintTasksAsync(exportId, exportLodged).ConfigureAwait(false);

        await Step("In parallel: UZ plant quarantine approves and so issues the ePhyto; UZ customs clears the export").ConfigureAwait(false);
        var exportTasks = exportLodged["tasks"]!.AsArray();
        var phytoTask = exportTasks.Single(t => t!["action"]!.GetValue<string>() == "phytosanitary_certificate")!["id"]!.GetValue<string>();
        var clearanceTask = exportTasks.Single(t => t!["action"]!.GetValue<string>() == "customs_clearance")!["id"]!.GetValue<string>();
        var phytoDraft = PhytoDrafts.FromDeclaration(DemoDeclarations.ApplesExport(today), new Dictionary<int, string> { [1] = "Malus domestica", [2] = "Prunus armeniaca" },
            "The fruit was grown in an area found free from Cydia pomonella by official survey.");
        var plantDecision = PostAsync(uzPlant, $"api/v1/tasks/{phytoTask}/decision", new JsonObject
        {
            ["decision"] = "approve",
            ["certificate"] = JsonNode.Parse(PhytoJson.ToJson(phytoDraft)),
            ["officerName"] = "Bekzod Rakhimov",
            ["place"] = "Fergana",
        }, 200, cancellationToken);
        var customsDecision = PostAsync(uzCustoms, $"api/v1/tasks/{clearanceTask}/decision", new JsonObject { ["decision"] = "approve" }, 200, cancellationToken);
        await Task.WhenAll(plantDecision, customsDecision).ConfigureAwait(false);
        var released = await GetAsync(exporter, $"api/v1/consignments/{exportId}", cancellationToken).ConfigureAwait(false);
        var phytoNumber = System.Text.RegularExpressions.Regex.Match(released["tasks"]!.ToJsonString(), @"UZ-PC-\d{4}-\d{6}").Value;
        await output.WriteLineAsync($"  export {exportId}: {released["status"]}; ePhyto {phytoNumber} issued and sent; advance customs data (ACDD) sent to KZ customs").ConfigureAwait(false);

        await Step("KZ: the ePhyto arrives verified; phytosanitary control inspects and accepts it, and UZ learns it").ConfigureAwait(false);
        await WaitForAsync(kzPlant, $"api/v1/certificates/UZ/{phytoNumber}", c => c["status"]?.GetValue<string>() == "received", cancellationToken).ConfigureAwait(false);
        await PostAsync(kzPlant, $"api/v1/certificates/UZ/{phytoNumber}/inspect", new JsonObject { ["reason"] = "inspected at the Zhibek Zholy border post: no quarantine pests found" }, 200, cancellationToken).ConfigureAwait(false);
        await PostAsync(kzPlant, $"api/v1/certificates/UZ/{phytoNumber}/accept", new JsonObject { ["reason"] = "consignment admitted" }, 200, cancellationToken).ConfigureAwait(false);
        var phytoAtIssuer = await WaitForAsync(uzPlant, $"api/v1/certificates/UZ/{phytoNumber}", c => c["status"]?.GetValue<string>() == "accepted", cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  ePhyto {phytoNumber} at UZ: {string.Join(" → ", phytoAtIssuer["history"]!.AsArray().Select(e => e!["status"]!.GetValue<string>()))}").ConfigureAwait(false);

        await Step("KZ: the importer lodges the import declaration quoting UZ's export; customs sees the ACDD next to it").ConfigureAwait(false);
        var importDraft = await PostAsync(importer, "api/v1/consignments", new JsonObject { ["declaration"] = JsonNode.Parse(DeclarationJson.ToJson(DemoDeclarations.ApplesImport(today, exportId))) }, 201, cancellationToken).ConfigureAwait(false);
        var importId = importDraft["id"]!.GetValue<string>();
        await WaitForAsync(customs, "api/v1/advance-data", list => list.AsArray().Any(a => a!["declarationNumber"]?.GetValue<string>() == exportId), cancellationToken).ConfigureAwait(false);
        var importLodged = await PostAsync(importer, $"api/v1/consignments/{importId}/submit", new JsonObject(), 200, cancellationToken).ConfigureAwait(false);
        await PrintTasksAsync(importId, importLodged).ConfigureAwait(false);
        var advance = await GetAsync(customs, $"api/v1/consignments/{importId}/advance-data", cancellationToken).ConfigureAwait(false);
        foreach (var acdd in advance.AsArray())
        {
            var mismatches = acdd!["mismatches"]!.AsArray();
            await output.WriteLineAsync($"  ACDD of UZ export {acdd["declarationNumber"]}: {(mismatches.Count == 0 ? "matches the import declaration" : $"{mismatches.Count} mismatch(es)")}").ConfigureAwait(false);
        }

        await Step("KZ customs assesses duty and VAT: the certificate of origin gives the CISFTA rate on the apples and is drawn down").ConfigureAwait(false);
        using (var csv = new StringContent("""
            code,valid_from,valid_to,mfn,vat_percent,excise,preferences
            080810,2026-01-01,,10,12,,CISFTA:UZ|KG|TJ=0
            081310,2026-01-01,,15,12,,
            """, Encoding.UTF8, "text/csv"))
        using (var publish = new HttpRequestMessage(HttpMethod.Post, "api/v1/tariff/versions?note=demo") { Content = csv })
        {
            publish.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            using var published = await kzOperator.SendAsync(publish, cancellationToken).ConfigureAwait(false);
            if (!published.IsSuccessStatusCode)
            {
                throw new DemoFailedException($"Publishing the tariff answered {(int)published.StatusCode}.");
            }
        }
        await PostAsync(kzOperator, "api/v1/exchange-rates", new JsonArray(new JsonObject { ["currency"] = "USD", ["validFrom"] = "2020-01-01", ["nationalPerUnit"] = 470 }), 201, cancellationToken).ConfigureAwait(false);
        var duty = await PostAsync(customs, $"api/v1/consignments/{importId}/duty", new JsonObject { ["certificate"] = new JsonObject { ["issuingCountry"] = "UZ", ["number"] = number } }, 201, cancellationToken).ConfigureAwait(false);
        foreach (var item in duty["assessment"]!["items"]!.AsArray())
        {
            foreach (var component in item!["components"]!.AsArray())
            {
                await output.WriteLineAsync($"  item {item["itemNumber"]} {component!["kind"],-6} {component["amount"],14} KZT  {component["rate"],-6} {component["rateSource"]}").ConfigureAwait(false);
            }
        }
        foreach (var note in duty["preferenceNotes"]!.AsArray())
        {
            await output.WriteLineAsync($"  note: {note}").ConfigureAwait(false);
        }
        await output.WriteLineAsync($"  total {duty["assessment"]!["total"]} (each component rounded half away from zero to 2 decimals)").ConfigureAwait(false);
        var refused = await PostAsync(customs, $"api/v1/certificates/UZ/{number}/utilizations", new JsonObject
        {
            ["declarationNumber"] = "KZ-DT-2026-000421",
            ["items"] = new JsonArray(new JsonObject { ["itemNumber"] = 1, ["quantity"] = 15200 }),
        }, 409, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  a second declaration asking for 15,200 kg more of the apples: 409 {refused["code"]}: {refused["errors"]![0]!["message"]}").ConfigureAwait(false);

        await Step("KZ phytosanitary control and customs approve: the import is released").ConfigureAwait(false);
        foreach (var task in importLodged["tasks"]!.AsArray())
        {
            var client = task!["agencyPartyId"]!.GetValue<string>() == "kz-plant" ? kzPlant : customs;
            await PostAsync(client, $"api/v1/tasks/{task["id"]!.GetValue<string>()}/decision", new JsonObject
            {
                ["decision"] = "approve",
                ["reason"] = client == kzPlant ? $"ePhyto {phytoNumber} accepted" : $"duty assessed; CISFTA preference under {number}",
            }, 200, cancellationToken).ConfigureAwait(false);
        }
        var importReleased = await GetAsync(importer, $"api/v1/consignments/{importId}", cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  import {importId}: {importReleased["status"]}").ConfigureAwait(false);

        var shopzoneToken = await CreatePartyAsync(kzOperator, "shopzone", "ShopZone Marketplace", "parcel_operator", cancellationToken).ConfigureAwait(false);
        var courierToken = await CreatePartyAsync(kzOperator, "swift-express", "Swift Express Kazakhstan", "parcel_operator", cancellationToken).ConfigureAwait(false);
        using (var shopzone = kz.CreateClient(shopzoneToken))
        using (var courier = kz.CreateClient(courierToken))
        {
            await new DemoParcels(output, time, Step).RunAsync(kzOperator, customs, shopzone, courier, cancellationToken).ConfigureAwait(false);
        }

        await Step("Another export is refused: plant quarantine finds live codling moth larvae").ConfigureAwait(false);
        var badDraft = await PostAsync(exporter, "api/v1/consignments", new JsonObject { ["declaration"] = JsonNode.Parse(DeclarationJson.ToJson(DemoDeclarations.ApplesExport(today, "FVF-EX-2026-0918"))) }, 201, cancellationToken).ConfigureAwait(false);
        var badId = badDraft["id"]!.GetValue<string>();
        var badLodged = await PostAsync(exporter, $"api/v1/consignments/{badId}/submit", new JsonObject(), 200, cancellationToken).ConfigureAwait(false);
        var badTask = badLodged["tasks"]!.AsArray().Single(t => t!["action"]!.GetValue<string>() == "phytosanitary_certificate")!["id"]!.GetValue<string>();
        var rejected = await PostAsync(uzPlant, $"api/v1/tasks/{badTask}/decision", new JsonObject
        {
            ["decision"] = "reject",
            ["reason"] = "Live Cydia pomonella larvae found in 3 of 40 sampled cartons; the lot may be re-presented after treatment.",
        }, 200, cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync($"  export {badId}: {rejected["status"]}; the exporter is told: {rejected["history"]!.AsArray().Last(e => e!["kind"]!.GetValue<string>() == "rejected")!["reason"]}").ConfigureAwait(false);

        await Step($"The apples' timeline in the UZ single window ({exportId})").ConfigureAwait(false);
        var exportView = await GetAsync(exporter, $"api/v1/consignments/{exportId}", cancellationToken).ConfigureAwait(false);
        foreach (var entry in exportView["history"]!.AsArray())
        {
            await output.WriteLineAsync($"  {Time(entry!["at"]!)}  {entry["kind"],-22} by {entry["actor"]}{(entry["reason"] is { } r ? $" ({r})" : "")}").ConfigureAwait(false);
        }
        await Step($"Certificate of origin {number} as UZ sees it after KZ's use").ConfigureAwait(false);
        var atIssuer = await WaitForAsync(authority, $"api/v1/certificates/UZ/{number}", c => c["utilizations"]?.AsArray().Count > 0, cancellationToken).ConfigureAwait(false);
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
            (uz, "uz-officer", "Nodira Yusupova", "uz-chamber"), (uz, "uz-plant", "Bekzod Rakhimov", "uz-plant"), (uz, "uz-customs", "Sardor Aliyev", "uz-customs"),
            (kz, "kz-operator", "KZ node operator", OperatorBootstrap.OperatorPartyId), (kz, "almaty", "Aigerim Sadykova", "almaty-fresh"),
            (kz, "kz-plant", "Daniyar Omarov", "kz-plant"), (kz, "kz-customs", "Aibek Nurlanov", "kz-customs"), (kz, "shopzone", "Asel Bekova", "shopzone"),
        })
        {
            using var op = node.CreateClient();
            await PostAsync(op, "api/v1/accounts", new JsonObject { ["username"] = username, ["displayName"] = name, ["partyId"] = party, ["password"] = portalPassword }, 201, cancellationToken).ConfigureAwait(false);
            await output.WriteLineAsync($"  {node.Country}  {node.BaseUrl}portal  user {username,-12} ({party})").ConfigureAwait(false);
        }
        await output.WriteLineAsync($"  password for every demo account: {portalPassword}").ConfigureAwait(false);
        await output.WriteLineAsync($"  the apples: {uz.BaseUrl}portal/consignments/{exportId} (UZ), {kz.BaseUrl}portal/consignments/{importId} (KZ)").ConfigureAwait(false);
        var signedXml = atIssuer["signedXml"]!.GetValue<string>();
        await output.WriteLineAsync($"  public verification of {number} (the PDF's QR code): {Caravan.Documents.Rendering.VerificationLink.For(uz.BaseUrl, "UZ", number, signedXml)}").ConfigureAwait(false);
        var phytoXml = phytoAtIssuer["signedXml"]!.GetValue<string>();
        await output.WriteLineAsync($"  public verification of {phytoNumber}: {Caravan.Documents.Rendering.VerificationLink.For(uz.BaseUrl, "UZ", phytoNumber, phytoXml)}").ConfigureAwait(false);
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

    private async Task PrintTasksAsync(string id, JsonNode consignment)
    {
        await output.WriteLineAsync($"  consignment {id}: {consignment["status"]} (matrix version {consignment["matrixVersion"]})").ConfigureAwait(false);
        foreach (var task in consignment["tasks"]!.AsArray())
        {
            await output.WriteLineAsync($"    task {task!["action"],-26} {task["agencyPartyId"],-12} {task["status"]}").ConfigureAwait(false);
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

    internal static async Task<JsonNode> PostAsync(HttpClient client, string path, JsonNode body, int expected, CancellationToken cancellationToken)
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

    internal static async Task<JsonNode> GetAsync(HttpClient client, string path, CancellationToken cancellationToken)
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
