using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Caravan.Bench.Gateway;
using Caravan.Cli.Demo;
using Caravan.Documents.Common;
using Caravan.Documents.Declarations;

namespace Caravan.Bench.Window;

/// <summary>
/// The single window through its public API, as traders and agencies use it: a real UZ node (and its KZ partner) on
/// loopback HTTP with bearer tokens and idempotency keys. For each of N consignments of 1-20 items a trader POSTs the
/// declaration (draft) and submits it; half are green lane (no agency action: released at submission, and the ACDD
/// queued for KZ in the same transaction), half need the plant agency and customs, which then approve. Measured:
/// lodging throughput, submission latency (green lane: submission to release and outbox), and last approval to
/// release. Usage: window-http --db postgres|sqlite [--pg ADMIN-CONNSTRING] [--consignments N] [--concurrency C] [--destination KZ|CN] [--partner-down] [--warmup W]
/// (W consignments, default 4,000, go through first, uncounted).
/// </summary>
public static class WindowHttpBenchmark
{
    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var postgres = Arg(args, "--db") == "postgres";
        var consignments = int.Parse(Arg(args, "--consignments") ?? "2000", System.Globalization.CultureInfo.InvariantCulture);
        var concurrency = int.Parse(Arg(args, "--concurrency") ?? "16", System.Globalization.CultureInfo.InvariantCulture);
        // KZ (the default) is a partner: every release also sends the ACDD over AS4. A non-partner destination (CN) measures the window alone.
        var destination = Arg(args, "--destination") ?? "KZ";
        // --partner-down stops KZ's node first: releases still queue the ACDD in the outbox (the measured transaction),
        // and its delivery waits for the partner, as when the partner is offline, instead of competing for the cores.
        var partnerDown = args.Contains("--partner-down");
        if (Arg(args, "--db") is not ("postgres" or "sqlite"))
        {
            Console.Error.WriteLine("usage: window-http --db postgres|sqlite [--pg ADMIN-CONNSTRING] [--consignments N] [--concurrency C]");
            return 64;
        }
        await using var bench = await BenchNetwork.StartAsync(postgres, Arg(args, "--pg") ?? "Host=127.0.0.1;Port=5432;Username=postgres").ConfigureAwait(false);
        var uz = bench.Sender;
        using var op = uz.CreateClient();
        var traders = new List<HttpClient>();
        for (var i = 0; i < 20; i++)
        {
            traders.Add(uz.CreateClient(await CreatePartyAsync(op, $"trader-{i}", "trader").ConfigureAwait(false)));
        }
        using var plant = uz.CreateClient(await CreatePartyAsync(op, "uz-plant", "agency").ConfigureAwait(false));
        using var customs = uz.CreateClient(await CreatePartyAsync(op, "uz-customs", "customs").ConfigureAwait(false));
        await PostAsync(op, "api/v1/matrix/versions", JsonNode.Parse("""
            {"rules":[
              {"id":"fruit","hsPrefix":"08","procedure":"export","action":"inspection","agencyPartyId":"uz-plant"},
              {"id":"fruit-customs","hsPrefix":"08","procedure":"export","action":"customs_clearance","agencyPartyId":"uz-customs"}]}
            """)!.ToJsonString()).ConfigureAwait(false);

        if (partnerDown)
        {
            await bench.Network.StopAsync("KZ").ConfigureAwait(false);
        }
        Console.WriteLine($"Single window over HTTP{(partnerDown ? " (KZ's node stopped: ACDDs wait in the outbox)" : "")}: {consignments} consignments of 1-20 items UZ→{destination} on {(postgres ? "PostgreSQL" : "SQLite")}, concurrency {concurrency}");
        // Warm-up: the same load, not counted, until the runtime's tiered JIT has settled (it recompiles hot methods in
        // the background for tens of seconds after start-up, on the same two cores); a node runs for months.
        var warmup = int.Parse(Arg(args, "--warmup") ?? "4000", System.Globalization.CultureInfo.InvariantCulture);
        if (warmup > 0)
        {
            var warm = await RoundAsync(Work(warmup, 7), destination, concurrency, traders, plant, customs).ConfigureAwait(false);
            Console.WriteLine($"warm-up: {warmup} consignments lodged at {warmup / warm.LodgeSeconds:F0}/s, not counted");
        }
        var work = Work(consignments, 42);
        var (lodgeSeconds, submitLatencies, lodgeLatencies, decideSeconds, releaseLatencies, pendingCount) =
            await RoundAsync(work, destination, concurrency, traders, plant, customs).ConfigureAwait(false);

        var green = work.Where(w => w.Green).Select(w => submitLatencies[w.Index]).ToList();
        Console.WriteLine($"lodged over HTTP (POST declaration + POST submit): {work.Count / lodgeSeconds:F0} consignments/s over {lodgeSeconds:F1} s");
        Console.WriteLine($"  lodge latency (both calls), all: p50 {WindowBenchmark.Percentile(lodgeLatencies, 50):F1} ms, p99 {WindowBenchmark.Percentile(lodgeLatencies, 99):F1} ms");
        Console.WriteLine($"  submit latency, all:   p50 {WindowBenchmark.Percentile(submitLatencies, 50):F1} ms, p99 {WindowBenchmark.Percentile(submitLatencies, 99):F1} ms");
        Console.WriteLine($"  submit latency, green: p50 {WindowBenchmark.Percentile(green, 50):F1} ms, p99 {WindowBenchmark.Percentile(green, 99):F1} ms (released at submission; ACDD queued when the destination is a partner)");
        Console.WriteLine($"decided over HTTP (2 approvals each): {pendingCount / decideSeconds:F0} consignments/s over {decideSeconds:F1} s");
        Console.WriteLine($"  last approval to release: p50 {WindowBenchmark.Percentile(releaseLatencies, 50):F1} ms, p99 {WindowBenchmark.Percentile(releaseLatencies, 99):F1} ms");
        foreach (var trader in traders)
        {
            trader.Dispose();
        }
        return 0;
    }

    private static List<(int Index, bool Green, int Items)> Work(int count, int seed)
    {
        var random = new Random(seed);
        return Enumerable.Range(0, count).Select(i => (Index: i, Green: i % 2 == 0, Items: random.Next(1, 21))).ToList();
    }

    /// <summary>Lodges and submits every consignment of <paramref name="work"/>, then has the agencies approve those that need them.</summary>
    private static async Task<(double LodgeSeconds, double[] SubmitLatencies, double[] LodgeLatencies, double DecideSeconds, List<double> ReleaseLatencies, int Decided)> RoundAsync(
        List<(int Index, bool Green, int Items)> work, string destination, int concurrency, List<HttpClient> traders, HttpClient plant, HttpClient customs)
    {
        var bodies = work.ToDictionary(w => w.Index, w => Body(w.Green, w.Items, destination));
        var submitLatencies = new double[work.Count];
        var lodgeLatencies = new double[work.Count];
        var pending = new List<JsonNode>();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(work, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (job, ct) =>
        {
            var trader = traders[job.Index % traders.Count];
            var started = Stopwatch.GetTimestamp();
            var draft = await PostAsync(trader, "api/v1/consignments", bodies[job.Index]).ConfigureAwait(false);
            var submitStarted = Stopwatch.GetTimestamp();
            var submitted = await PostAsync(trader, $"api/v1/consignments/{draft["id"]!.GetValue<string>()}/submit", "{}").ConfigureAwait(false);
            submitLatencies[job.Index] = Stopwatch.GetElapsedTime(submitStarted).TotalMilliseconds;
            lodgeLatencies[job.Index] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            var status = submitted["status"]!.GetValue<string>();
            if ((job.Green && status != "released") || (!job.Green && submitted["tasks"]!.AsArray().Count != 2))
            {
                throw new InvalidOperationException($"Consignment {job.Index} is {status}.");
            }
            if (!job.Green)
            {
                lock (pending)
                {
                    pending.Add(submitted);
                }
            }
        }).ConfigureAwait(false);
        var lodgeSeconds = watch.Elapsed.TotalSeconds;

        var releaseLatencies = new List<double>();
        watch.Restart();
        await Parallel.ForEachAsync(pending, new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (consignment, ct) =>
        {
            var tasks = consignment["tasks"]!.AsArray();
            var inspection = tasks.Single(t => t!["agencyPartyId"]!.GetValue<string>() == "uz-plant")!["id"]!.GetValue<string>();
            var clearance = tasks.Single(t => t!["agencyPartyId"]!.GetValue<string>() == "uz-customs")!["id"]!.GetValue<string>();
            await PostAsync(plant, $"api/v1/tasks/{inspection}/decision", """{"decision":"approve"}""").ConfigureAwait(false);
            var started = Stopwatch.GetTimestamp();
            var released = await PostAsync(customs, $"api/v1/tasks/{clearance}/decision", """{"decision":"approve"}""").ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (released["status"]!.GetValue<string>() != "released")
            {
                throw new InvalidOperationException("not released");
            }
            lock (releaseLatencies)
            {
                releaseLatencies.Add(elapsed);
            }
        }).ConfigureAwait(false);
        var decideSeconds = watch.Elapsed.TotalSeconds;
        return (lodgeSeconds, submitLatencies, lodgeLatencies, decideSeconds, releaseLatencies, pending.Count);

    }

    private static string Body(bool green, int itemCount, string destination) =>
        new JsonObject { ["declaration"] = JsonNode.Parse(DeclarationJson.ToJson(WindowBenchmark.Declaration(green, itemCount, destination))) }.ToJsonString();

    internal static async Task<string> CreatePartyAsync(HttpClient op, string id, string role) =>
        (await PostAsync(op, "api/v1/parties", $$"""{"id":"{{id}}","name":"{{id}}","role":"{{role}}"}""").ConfigureAwait(false))["token"]!.GetValue<string>();

    internal static async Task<JsonNode> PostAsync(HttpClient client, string path, string json)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        using var response = await client.SendAsync(request).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"POST {path}: {(int)response.StatusCode} {text}");
        }
        return JsonNode.Parse(text)!;
    }

    internal static string? Arg(string[] args, string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
