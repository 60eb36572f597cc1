namespace Caravan.Customs.Tariff;

/// <summary>
/// A checked national tariff: for a goods code and a date, the line that applies is the one with the longest code
/// that the goods code starts with, whose period covers the date.
/// </summary>
public sealed class TariffSchedule
{
    private readonly Dictionary<string, List<TariffLine>> _byCode;

    public TariffSchedule(IEnumerable<TariffLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        Lines = lines.ToList();
        _byCode = Lines.GroupBy(l => l.Code).ToDictionary(g => g.Key, g => g.OrderBy(l => l.ValidFrom).ToList());
    }

    public IReadOnlyList<TariffLine> Lines { get; }

    /// <summary>The line for <paramref name="goodsCode"/> (6 to 10 digits) on <paramref name="date"/>, or null.</summary>
    public TariffLine? Find(string goodsCode, DateOnly date)
    {
        ArgumentNullException.ThrowIfNull(goodsCode);
        for (var length = Math.Min(goodsCode.Length, 10); length >= 6; length--)
        {
            if (_byCode.TryGetValue(goodsCode[..length], out var periods) && periods.FirstOrDefault(l => l.Covers(date)) is { } line)
            {
                return line;
            }
        }
        return null;
    }
}
