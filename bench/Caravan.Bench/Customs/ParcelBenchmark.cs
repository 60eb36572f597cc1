using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Caravan.Bench.Gateway;
using Caravan.Bench.Window;
using Caravan.Customs.Parcels;
using Caravan.Documents.Hs;

namespace Caravan.Bench.Customs;

/// <summary>
/// The e-commerce parcel pipeline through the node's public API, as platforms use it: batches of JSON lines POSTed
/// with a bearer token, each parcel read, validated, risk-scored against the active rules, assessed for duty and tax
/// (de minimis, collection model, guarantee), stored, and answered release or hold. Parcels spread over 5 platforms,
/// 10 origins, every HS chapter and the three collection models; a tariff line per HS chapter plus headings.
/// Measured: parcels per second over the whole run, and batch latency (receipt to per-parcel decisions) p50/p99, and
/// the node process's peak working set. Usage: parcels --db postgres|sqlite [--pg ADMIN-CONNSTRING] [--parcels N]
/// [--batch B] [--concurrency C] [--rules R]
/// </summary>
public static class ParcelBenchmark
{
    private static readonly string[] Origins = ["CN", "HK", "TR", "DE", "US", "KR", "IN", "VN", "GB", "JP"];

    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        if (Arg(args, "--db") is not ("postgres" or "sqlite"))
        {
            Console.Error.WriteLine("usage: parcels --db postgres|sqlite [--pg ADMIN-CONNSTRING] [--parcels N] [--batch B] [--concurrency C] [--rules R]");
            return 64;
        }
        var postgres = Arg(args, "--db") == "postgres";
        var total = int.Parse(Arg(args, "--parcels") ?? "1000000", CultureInfo.InvariantCulture);
        var batchSize = int.Parse(Arg(args, "--batch") ?? "1000", CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Arg(args, "--concurrency") ?? "4", CultureInfo.InvariantCulture);
        var ruleCount = int.Parse(Arg(args, "--rules") ?? "200", CultureInfo.InvariantCulture);
        await using var bench = await BenchNetwork.StartAsync(postgres, Arg(args, "--pg") ?? "Host=127.0.0.1;Port=5432;Username=postgres").ConfigureAwait(false);
        await bench.Network.StopAsync("KZ").ConfigureAwait(false);
        var node = bench.Sender;
        using var op = node.CreateClient();
        var platforms = new List<(string Name, HttpClient Client, string Registration)>();
        for (var i = 0; i < 5; i++)
        {
            var name = $"market-{i}";
            var client = node.CreateClient(await CreatePartyAsync(op, name, "parcel_operator").ConfigureAwait(false));
            var registration = RegistrationNumber.Create(1000 + i);
            await PostAsync(op, "api/v1/parcels/registrations", $$"""{"number":"{{registration}}","partyId":"{{name}}","platform":"{{name}}","validFrom":"2020-01-01"}""").ConfigureAwait(false);
            platforms.Add((name, client, registration));
        }
        using var customs = node.CreateClient(await CreatePartyAsync(op, "uz-customs", "customs").ConfigureAwait(false));
        foreach (var (name, _, _) in platforms)
        {
            await PostAsync(customs, $"api/v1/parcels/guarantees/{name}", """{"amount":100000000000}""").ConfigureAwait(false);
        }
        await PublishTariffAsync(op).ConfigureAwait(false);
        await PostAsync(op, "api/v1/exchange-rates", """[{"currency":"USD","validFrom":"2020-01-01","nationalPerUnit":12000}]""").ConfigureAwait(false);
        await PostAsync(op, "api/v1/parcels/settings", """{"dutyDeMinimis":1200000,"taxDeMinimis":null,"valueBands":[120000,600000,1200000,6000000]}""").ConfigureAwait(false);
        var rules = new JsonArray();
        var random = new Random(7);
        for (var i = 0; i < ruleCount; i++)
        {
            // Each rule holds for a few parcels in a thousand, as real targeting rules do; about 5% are held in all.
            var condition = (i % 4) switch
            {
                0 => $"""hs startswith "{random.Next(10, 97)}" and origin in ["{Origins[i % Origins.Length]}", "HK"]""",
                1 => $"value_per_kg < {random.Next(2_000, 20_000)} and weight_kg > {random.Next(1, 5)}",
                2 => $"""not registered and collection == "consumer" and value > {random.Next(4_000_000, 4_700_000)}""",
                _ => $"""platform == "market-{random.Next(5)}" and weight_kg > 19 and origin == "{Origins[random.Next(Origins.Length)]}" """,
            };
            rules.Add(new JsonObject { ["id"] = $"r{i}", ["name"] = $"rule {i}", ["condition"] = condition, ["weight"] = 20 + (i % 5) * 20 });
        }
        var set = await PostAsync(customs, "api/v1/risk/rule-sets",
            new JsonObject { ["rules"] = rules, ["thresholds"] = new JsonObject { ["yellow"] = 80, ["red"] = 120, ["randomSelectionRate"] = 0.01m } }.ToJsonString()).ConfigureAwait(false);
        await PostAsync(customs, $"api/v1/risk/rule-sets/{set["version"]}/activate", "{}").ConfigureAwait(false);

        var batches = (total + batchSize - 1) / batchSize;
        Console.WriteLine($"Parcel pipeline over HTTP: {total:N0} parcels in batches of {batchSize} (JSON lines), {ruleCount} active rules, concurrency {concurrency}, " +
            $"{(postgres ? "PostgreSQL" : "SQLite")}, {Environment.ProcessorCount} cores");
        var codes = HsNomenclature.Hs2022.Entries.Where(e => e.Level == HsLevel.Subheading).Select(e => e.Code).Order(StringComparer.Ordinal).ToArray();
        var bodies = new byte[batches][];
        Parallel.For(0, batches, b => bodies[b] = Batch(b, batchSize, Math.Min(batchSize, total - (b * batchSize)), platforms[b % platforms.Count], codes));
        Console.WriteLine($"  prepared {batches} batches ({bodies.Sum(b => (long)b.Length) / 1024 / 1024} MiB)");
        var latencies = new double[batches];
        long released = 0, held = 0, accepted = 0;
        var process = Process.GetCurrentProcess();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, batches), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (b, ct) =>
        {
            var client = platforms[b % platforms.Count].Client;
            using var content = new ByteArrayContent(bodies[b]);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/x-ndjson");
            var started = Stopwatch.GetTimestamp();
            using var response = await client.PostAsync("api/v1/parcels/batches", content, ct).ConfigureAwait(false);
            var text = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            latencies[b] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (!response.IsSuccessStatusCode)
            {
                throw new InvalidOperationException($"batch {b}: {(int)response.StatusCode} {text}");
            }
            using var result = System.Text.Json.JsonDocument.Parse(text);
            var root = result.RootElement;
            if (root.GetProperty("rejected").GetInt32() != 0 || root.GetProperty("parcels").GetArrayLength() != root.GetProperty("lines").GetInt32())
            {
                throw new InvalidOperationException($"batch {b} had rejected lines: {root.GetProperty("errors").GetRawText()[..Math.Min(500, root.GetProperty("errors").GetRawText().Length)]}");
            }
            Interlocked.Add(ref accepted, root.GetProperty("accepted").GetInt32());
            Interlocked.Add(ref released, root.GetProperty("released").GetInt32());
            Interlocked.Add(ref held, root.GetProperty("held").GetInt32());
            bodies[b] = [];
        }).ConfigureAwait(false);
        var seconds = watch.Elapsed.TotalSeconds;
        process.Refresh();
        Console.WriteLine($"  {accepted:N0} parcels accepted in {seconds:F1} s: {accepted / seconds:N0} parcels/s (target 20,000: {accepted / seconds / 20_000:F2}x)");
        Console.WriteLine($"  released {released:N0}, held {held:N0} ({100.0 * held / Math.Max(1, accepted):F1}%)");
        Console.WriteLine($"  batch latency (receipt to decisions, {batchSize} parcels): p50 {WindowBenchmark.Percentile(latencies, 50):F0} ms, p99 {WindowBenchmark.Percentile(latencies, 99):F0} ms (target p99 <= 250 ms)");
        Console.WriteLine($"  peak working set of the process (node, client and the prepared batches): {process.PeakWorkingSet64 / 1024 / 1024:N0} MiB; managed heap now {GC.GetTotalMemory(false) / 1024 / 1024:N0} MiB");
        foreach (var (_, client, _) in platforms)
        {
            client.Dispose();
        }
        return 0;
    }

    private static byte[] Batch(int batch, int batchSize, int count, (string Name, HttpClient Client, string Registration) platform, string[] codes)
    {
        var random = new Random(batch);
        var text = new StringBuilder(count * 330);
        for (var i = 0; i < count; i++)
        {
            var n = (batch * batchSize) + i;
            var collection = (n % 3) switch { 0 => "vendor", 1 => "intermediary", _ => "consumer" };
            var weight = (random.Next(1, 200) / 10m).ToString(CultureInfo.InvariantCulture);
            var value = (random.Next(100, 40_000) / 100m).ToString(CultureInfo.InvariantCulture);
            text.Append("{\"trackingId\":\"TRK").Append(n.ToString("D9", CultureInfo.InvariantCulture))
                .Append("\",\"platform\":\"").Append(platform.Name)
                .Append("\",\"seller\":\"Seller ").Append(random.Next(5000))
                .Append("\",\"buyer\":\"Buyer ").Append(random.Next(1_000_000))
                .Append("\",\"description\":\"Assorted consumer goods, item ").Append(n % 997)
                .Append("\",\"hsCode\":\"").Append(codes[random.Next(codes.Length)])
                .Append("\",\"quantity\":").Append(random.Next(1, 5))
                .Append(",\"value\":").Append(value)
                .Append(",\"currency\":\"USD\",\"origin\":\"").Append(Origins[random.Next(Origins.Length)])
                .Append("\",\"weightKg\":").Append(weight)
                .Append(",\"collection\":\"").Append(collection).Append('"');
            if (collection == "vendor")
            {
                text.Append(",\"registration\":\"").Append(platform.Registration).Append('"');
            }
            text.Append("}\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    private static async Task PublishTariffAsync(HttpClient op)
    {
        var csv = new StringBuilder("code,valid_from,valid_to,mfn,vat_percent,excise,preferences\n");
        foreach (var chapter in HsNomenclature.Hs2022.Entries.Where(e => e.Level == HsLevel.Chapter).OrderBy(e => e.Code, StringComparer.Ordinal))
        {
            csv.Append(chapter.Code).Append(",2020-01-01,,").Append(int.Parse(chapter.Code, CultureInfo.InvariantCulture) % 4 * 5).Append(",12,,\n");
        }
        foreach (var heading in new[] { "6109", "6110", "6403", "8517", "8518", "9503", "4202" })
        {
            csv.Append(heading).Append(",2020-01-01,,10,12,,\n");
        }
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/tariff/versions") { Content = new StringContent(csv.ToString(), Encoding.UTF8, "text/csv") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await op.SendAsync(request).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"tariff: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync().ConfigureAwait(false)}");
        }
    }

    private static Task<string> CreatePartyAsync(HttpClient op, string id, string role) => WindowHttpBenchmark.CreatePartyAsync(op, id, role);

    private static Task<JsonNode> PostAsync(HttpClient client, string path, string json) => WindowHttpBenchmark.PostAsync(client, path, json);

    private static string? Arg(string[] args, string name) => WindowHttpBenchmark.Arg(args, name);
}
