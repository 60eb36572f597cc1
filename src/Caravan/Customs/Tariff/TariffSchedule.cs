namespace Caravan.Customs.Tariff;

/// <summary>
/// A checked national tariff: for a goods code and a date, the line that applies is the one with the longest code
/// that the goods code starts with, whose period covers the date. Lines may be set for a whole chapter (2 digits) or
/// heading (4 digits), which a more specific line overrides.
/// </summary>
public sealed class TariffSchedule
{
    private readonly Dictionary<string, List<TariffLine>>.AlternateLookup<ReadOnlySpan<char>> _byCode;

    public TariffSchedule(IEnumerable<TariffLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        Lines = lines.ToList();
        _byCode = Lines.GroupBy(l => l.Code).ToDictionary(g => g.Key, g => g.OrderBy(l => l.ValidFrom).ToList(), StringComparer.Ordinal).GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public IReadOnlyList<TariffLine> Lines { get; }

    /// <summary>The line for <paramref name="goodsCode"/> (6 to 10 digits) on <paramref name="date"/>, or null.</summary>
    public TariffLine? Find(string goodsCode, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(goodsCode);
        for (var length = Math.Min(goodsCode.Length, 10); length >= 2; length--)
        {
            if (_byCode.TryGetValue(goodsCode.AsSpan(0, length), out var periods))
            {
                foreach (var line in periods)
                {
                    if (line.Covers(date))
                    {
                        return line;
                    }
                }
            }
        }
        return null;
    }
}
