using System.Diagnostics;
using System.Globalization;

namespace Caravan.Bench;

/// <summary>
/// CPU spent during a measured window: by this process (the nodes under test), and by the whole machine from
/// <c>/proc/stat</c> (the nodes, the database server and anything else), with the share the hypervisor took
/// (steal). On shared 2-core machines the rate swings from run to run with the neighbours; CPU per message
/// does much less, and steal says how noisy the run was.
/// </summary>
internal sealed class CpuMeter
{
    private readonly TimeSpan _process;
    private readonly long[]? _machine;
    private readonly long _started;

    private CpuMeter(TimeSpan process, long[]? machine, long started)
    {
        _process = process;
        _machine = machine;
        _started = started;
    }

    public static CpuMeter Start() => new(Process.GetCurrentProcess().TotalProcessorTime, ReadMachine(), Stopwatch.GetTimestamp());

    /// <summary>One line: µs of CPU per item in this process and on the whole machine, idle and steal shares.</summary>
    public string Report(long items, string unit)
    {
        var wall = Stopwatch.GetElapsedTime(_started);
        var process = Process.GetCurrentProcess().TotalProcessorTime - _process;
        var text = $"CPU per {unit}: this process {process.TotalMicroseconds / items:F0} µs";
        var now = ReadMachine();
        if (_machine is not null && now is not null)
        {
            // user nice system idle iowait irq softirq steal, in clock ticks (USER_HZ, 100 per second).
            var delta = now.Zip(_machine, (a, b) => a - b).ToArray();
            var busy = delta[0] + delta[1] + delta[2] + delta[5] + delta[6];
            var idle = delta[3] + delta[4];
            var steal = delta.Length > 7 ? delta[7] : 0;
            var total = (double)(busy + idle + steal);
            text += $", whole machine {busy * 10_000.0 / items:F0} µs (idle {idle / total:P0}, steal {steal / total:P0}, {Environment.ProcessorCount} CPUs over {wall.TotalSeconds:F1} s)";
        }
        return text;
    }

    private static long[]? ReadMachine()
    {
        try
        {
            var line = File.ReadLines("/proc/stat").First();
            return line.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1).Take(8).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
