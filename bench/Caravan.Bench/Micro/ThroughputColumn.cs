using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace Caravan.Bench.Micro;

/// <summary>
/// A summary column with MiB/s for benchmarks that have a <c>Bytes</c> parameter (payload bytes processed per
/// operation): Bytes / Mean.
/// </summary>
internal sealed class ThroughputColumn : IColumn
{
    public const string BytesParameter = "Bytes";

    public static readonly ThroughputColumn Instance = new();

    public string Id => nameof(ThroughputColumn);

    public string ColumnName => "MiB/s";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Payload bytes per operation divided by the mean time, in MiB per second";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, summary.Style);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        var bytes = Bytes(benchmarkCase);
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        if (bytes is null || mean is null or <= 0)
        {
            return "-";
        }
        var perSecond = bytes.Value / (mean.Value / 1e9) / (1024 * 1024);
        return perSecond.ToString("N1", CultureInfo.InvariantCulture);
    }

    public bool IsAvailable(Summary summary) => summary.BenchmarksCases.Any(c => Bytes(c) is not null);

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public override string ToString() => ColumnName;

    private static long? Bytes(BenchmarkCase benchmarkCase) =>
        benchmarkCase.Parameters.Items.FirstOrDefault(p => p.Name == BytesParameter)?.Value switch
        {
            int i => i,
            long l => l,
            _ => null,
        };
}
