using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Diagnosers;
using BenchmarkDotNet.Running;

namespace Caravan.Bench.Micro;

/// <summary>
/// Runs the BenchmarkDotNet micro-benchmarks of this assembly through <see cref="BenchmarkSwitcher"/>, so the usual
/// command-line options (<c>--filter</c>, <c>--list</c>, <c>--inProcess</c>, <c>--job</c>) work.
/// </summary>
internal static class MicroBenchmarks
{
    /// <summary>Job settings applied unless the command line names a job or sets the same option itself.</summary>
    private static readonly (string Option, string Value)[] ShortJob =
    [
        ("--launchCount", "1"),
        ("--warmupCount", "3"),
        ("--iterationCount", "6"),
    ];

    public static int Run(string[] args)
    {
        var summaries = BenchmarkSwitcher.FromAssembly(typeof(MicroBenchmarks).Assembly).Run(WithShortJob(args), CreateConfig());
        return summaries.Any(s => s.HasCriticalValidationErrors || s.Reports.Any(r => !r.Success)) ? 1 : 0;
    }

    /// <summary>
    /// A short job for a small shared machine (2 cores, other processes building): one launch, 3 warm-up and
    /// 6 measured iterations. Enough to compare orders of magnitude and regressions of tens of percent, not
    /// single-digit ones. It is passed as command-line options (not a config job) so that BenchmarkDotNet's own
    /// job options, such as <c>--inProcess</c>, modify this one job instead of adding a second.
    /// </summary>
    private static string[] WithShortJob(string[] args)
    {
        if (args.Any(a => a is "--job" or "-j" || a.StartsWith("--job=", StringComparison.Ordinal)))
        {
            return args;
        }
        var defaults = ShortJob
            .Where(d => !args.Any(a => a.Equals(d.Option, StringComparison.OrdinalIgnoreCase)))
            .SelectMany(d => new[] { d.Option, d.Value });
        return [.. args, .. defaults];
    }

    /// <summary>The default config with allocations and, for benchmarks with a <c>Bytes</c> parameter, MiB/s.</summary>
    private static ManualConfig CreateConfig() =>
        ManualConfig.Create(DefaultConfig.Instance)
            .AddDiagnoser(MemoryDiagnoser.Default)
            .AddColumn(ThroughputColumn.Instance);
}
