using Caravan.Bench.Gateway;
using Caravan.Bench.Micro;
using Caravan.Bench.Window;

// Caravan performance harness: one subcommand per kind of measurement.
//   micro [BenchmarkDotNet args]   BenchmarkDotNet micro-benchmarks (Micro/)
//   gateway --db postgres|sqlite     AS4 load between two real nodes on loopback (Gateway/)
//   large --db postgres|sqlite       a 50 MB payload through the gateway, peak memory growth (Gateway/)
//   window --db postgres|sqlite      single-window lodgement and release on a real database (Window/)
// Further subcommands (load: AS4 between two nodes; large: a 50 MB transfer) plug into the table below.
const int Usage = 64; // EX_USAGE

var commands = new Dictionary<string, (string Summary, Func<string[], int> Run)>(StringComparer.Ordinal)
{
    ["micro"] = ("BenchmarkDotNet micro-benchmarks; the remaining arguments go to BenchmarkDotNet (e.g. --filter '*Gcm*', --list flat)", MicroBenchmarks.Run),
    ["gateway"] = ("AS4 load between two real nodes: --db postgres|sqlite [--pg CONNSTRING] [--messages N] [--rate R]", GatewayLoadBenchmark.Run),
    ["gateway-inbound"] = ("one node's inbound AS4 rate (prepared messages posted concurrently): --db postgres|sqlite [--pg CONNSTRING] [--messages N] [--concurrency C]", GatewayInboundBenchmark.Run),
    ["gateway-breakdown"] = ("where one message's CPU time goes on the AS4 path: [--iterations N]", GatewayBreakdown.Run),
    ["large"] = ("one large payload through the gateway with peak memory growth: --db postgres|sqlite [--pg CONNSTRING] [--megabytes N]", LargePayloadBenchmark.Run),
    ["risk"] = ("risk evaluation rate with 10 to 1,000 rules: [--parcels N]", Caravan.Bench.Customs.RiskBenchmark.Run),
    ["parcels"] = ("the e-commerce parcel pipeline through the API (batches of JSON lines): --db postgres|sqlite [--pg CONNSTRING] [--parcels N] [--batch B] [--concurrency C] [--rules R]", Caravan.Bench.Customs.ParcelBenchmark.Run),
    ["window-http"] = ("the single window through its HTTP API (bearer tokens, idempotency, real nodes): --db postgres|sqlite [--pg CONNSTRING] [--consignments N] [--concurrency C]", WindowHttpBenchmark.Run),
    ["window"] = ("single-window lodgement and release rate: --db postgres|sqlite [--pg CONNSTRING] [--consignments N] [--concurrency C]", WindowBenchmark.Run),
};

if (args.Length == 0 || !commands.TryGetValue(args[0], out var command))
{
    var error = args.Length == 0 ? "No subcommand given." : $"Unknown subcommand '{args[0]}'.";
    Console.Error.WriteLine(error);
    Console.Error.WriteLine("Usage: dotnet run -c Release --project bench/Caravan.Bench -- <subcommand> [arguments]");
    foreach (var (name, (summary, _)) in commands)
    {
        Console.Error.WriteLine($"  {name,-8} {summary}");
    }
    return Usage;
}

return command.Run(args[1..]);
