using System.Diagnostics;
using Caravan.Customs.Risk;

namespace Caravan.Bench.Customs;

/// <summary>
/// Risk evaluation alone: how many parcel evaluations per second one core-bound loop (and all cores in parallel) do
/// with 10, 100, 200 and 1,000 active rules, and the memory the compiled rules hold. Rules are generated from the
/// kinds analysts write (HS and origin combinations, value per kg against a reference, watch lists, thresholds).
/// Usage: risk [--parcels N]
/// </summary>
public static class RiskBenchmark
{
    public static int Run(string[] args)
    {
        var parcels = args.Length > 1 && args[0] == "--parcels" ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1_000_000;
        var random = new Random(7);
        var origins = new[] { "CN", "HK", "TR", "DE", "US", "UZ", "KZ", "IN", "VN", "KR" };
        var facts = Enumerable.Range(0, 10_000).Select(i => new RiskFacts()
            .Set("hs", random.Next(100000, 999999).ToString(System.Globalization.CultureInfo.InvariantCulture))
            .Set("origin", origins[random.Next(origins.Length)])
            .Set("value", random.Next(1, 500))
            .Set("weight_kg", (decimal)random.Next(1, 50) / 10)
            .Set("value_per_kg", random.Next(1, 300))
            .Set("reference_value_per_kg", random.Next(10, 200))
            .Set("party_watchlisted", random.Next(1000) == 0)
            .Set("trader_first_time", random.Next(10) == 0)
            .Set("platform", $"platform-{random.Next(20)}")).ToArray();
        Console.WriteLine($"Risk evaluation: {parcels:N0} parcel evaluations per rule count, {Environment.ProcessorCount} cores");
        foreach (var count in new[] { 10, 100, 200, 1_000 })
        {
            var rules = Enumerable.Range(0, count).Select(i => (i % 4) switch
            {
                0 => new RiskRule($"r{i}", "HS and origin", $"""hs startswith "{random.Next(10, 99)}" and origin in ["{origins[i % origins.Length]}", "HK"]""", 20),
                1 => new RiskRule($"r{i}", "undervalued", $"value_per_kg < reference_value_per_kg * 0.{random.Next(2, 8)}", 30),
                2 => new RiskRule($"r{i}", "watch list or first-time high value", $"party_watchlisted or (trader_first_time and value > {random.Next(50, 400)})", 40),
                _ => new RiskRule($"r{i}", "platform", $"""platform == "platform-{random.Next(20)}" and weight_kg > {random.Next(1, 4)}""", 10),
            }).ToList();
            var before = GC.GetTotalMemory(forceFullCollection: true);
            var engine = RiskEngine.Build(1, rules, new RiskThresholds(50, 100, 0.01m)).Engine!;
            var held = GC.GetTotalMemory(forceFullCollection: true) - before;
            long checksum = 0;
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < parcels; i++)
            {
                checksum += engine.Score(facts[i % facts.Length]);
            }
            var single = parcels / watch.Elapsed.TotalSeconds;
            watch.Restart();
            var parallel = 0L;
            Parallel.For(0, Environment.ProcessorCount, worker =>
            {
                long local = 0;
                for (var i = worker; i < parcels; i += Environment.ProcessorCount)
                {
                    local += engine.Score(facts[i % facts.Length]);
                }
                Interlocked.Add(ref parallel, local);
            });
            var all = parcels / watch.Elapsed.TotalSeconds;
            var decisions = 0L;
            watch.Restart();
            for (var i = 0; i < parcels / 10; i++)
            {
                decisions += engine.Evaluate(facts[i % facts.Length], $"p{i}").Hits.Count;
            }
            var explained = parcels / 10 / watch.Elapsed.TotalSeconds;
            Console.WriteLine($"  {count,5} rules: {single,12:N0} scores/s on one core, {all,12:N0} on all cores; {explained,10:N0} full decisions/s (with explanations, one core); compiled rules hold {held / 1024.0:N0} KiB (checksum {checksum + parallel + decisions})");
        }
        return 0;
    }
}
