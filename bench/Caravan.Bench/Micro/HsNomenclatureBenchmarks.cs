using BenchmarkDotNet.Attributes;
using Caravan.Documents.Hs;

namespace Caravan.Bench.Micro;

/// <summary>
/// HS 2022 lookups as document validation does them: a known subheading, an unknown code, an entry fetch, and a
/// realistic mix of 1,024 codes (mostly valid subheadings, some headings, chapters and unknown codes).
/// </summary>
public class HsNomenclatureBenchmarks
{
    private const int MixSize = 1024;

    private HsNomenclature _nomenclature = null!;
    private string[] _mix = null!;

    [GlobalSetup]
    public void Setup()
    {
        _nomenclature = HsNomenclature.Hs2022;
        var random = new Random(2022);
        var entries = _nomenclature.Entries.OrderBy(e => e.Code, StringComparer.Ordinal).ToArray();
        var subheadings = entries.Where(e => e.Level == HsLevel.Subheading).ToArray();
        var headings = entries.Where(e => e.Level == HsLevel.Heading).ToArray();
        var chapters = entries.Where(e => e.Level == HsLevel.Chapter).ToArray();
        _mix = new string[MixSize];
        for (var i = 0; i < MixSize; i++)
        {
            _mix[i] = (i % 8) switch
            {
                // One in eight is not a subheading: a typo-like unknown code or a shorter level.
                0 => random.Next(3) switch
                {
                    0 => random.Next(100_000, 1_000_000).ToString("D6", System.Globalization.CultureInfo.InvariantCulture),
                    1 => chapters[random.Next(chapters.Length)].Code,
                    _ => headings[random.Next(headings.Length)].Code,
                },
                _ => subheadings[random.Next(subheadings.Length)].Code,
            };
        }
    }

    [Benchmark]
    public bool IsValidSubheading_Known() => _nomenclature.IsValidSubheading("100630");

    [Benchmark]
    public bool IsValidSubheading_Unknown() => _nomenclature.IsValidSubheading("999999");

    [Benchmark]
    public string? TryGetEntry_Subheading() =>
        _nomenclature.TryGetEntry("090121", out var entry) ? entry.Description : null;

    [Benchmark(OperationsPerInvoke = MixSize)]
    public int IsValidSubheading_Mix1024()
    {
        var valid = 0;
        foreach (var code in _mix)
        {
            valid += _nomenclature.IsValidSubheading(code) ? 1 : 0;
        }
        return valid;
    }
}
