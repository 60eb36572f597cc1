using System.Diagnostics;
using System.Runtime;

namespace Caravan.Bench;

/// <summary>
/// Warm-up that ends when the runtime's tiered JIT has settled, not after a fixed count. A node runs for days, so its
/// steady state has every hot method at tier 1; on two busy cores the JIT's background thread takes 30-40 s to get
/// there (twice per method with dynamic PGO), and a fixed warm-up that ended before it did counted up to a tenth of
/// the measured CPU as compilation. After the first <c>initial</c> items, rounds of <c>round</c> more run until one
/// compiles fewer than <see cref="SettledBelow"/> methods (or <c>maxRounds</c> have run).
/// </summary>
internal static class JitWarmup
{
    /// <summary>A round that compiles fewer methods than this has reached the steady state.</summary>
    public const long SettledBelow = 50;

    /// <summary>Runs <paramref name="run"/>(offset, count) until the JIT has settled; returns how many items ran.</summary>
    public static async Task<int> RunAsync(int initial, int round, int maxRounds, Func<int, int, Task> run)
    {
        var watch = Stopwatch.StartNew();
        await run(0, initial).ConfigureAwait(false);
        var done = initial;
        var compiled = long.MaxValue;
        for (var i = 0; i < maxRounds && compiled >= SettledBelow; i++)
        {
            var before = JitInfo.GetCompiledMethodCount();
            await run(done, round).ConfigureAwait(false);
            done += round;
            compiled = JitInfo.GetCompiledMethodCount() - before;
        }
        var settled = compiled < SettledBelow ? $"JIT settled: {compiled} methods compiled in the last {round}" : $"JIT still compiling ({compiled} methods in the last {round})";
        Console.WriteLine($"warm-up: {done} in {watch.Elapsed.TotalSeconds:F1} s ({done / watch.Elapsed.TotalSeconds:F0}/s), not counted; {settled}");
        return done;
    }
}
