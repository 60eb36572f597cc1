using System.Globalization;
using Caravan.Customs.Duty;

namespace Caravan.Customs.Parcels;

/// <summary>
/// A node's rules for the e-commerce lane, set by its operator: the de minimis thresholds for duty and for tax
/// (separately, in the national currency; null means no relief), the value bands statistics are counted in (upper
/// bounds in the national currency, ascending), and how old a date of sale may be.
/// </summary>
public sealed record ParcelSettings
{
    public decimal? DutyDeMinimis { get; init; }

    public decimal? TaxDeMinimis { get; init; }

    public IReadOnlyList<decimal> ValueBands { get; init; } = [];

    /// <summary>How many days before the receipt a date of sale may be.</summary>
    public int MaxSaleAgeDays { get; init; } = 90;

    public static ParcelSettings None { get; } = new();

    public DeMinimis Relief => new(DutyDeMinimis, TaxDeMinimis);

    /// <summary>Every problem with the settings, by field; empty when they can be used.</summary>
    public IReadOnlyList<Common.FieldError> Problems()
    {
        var problems = new List<Common.FieldError>();
        if (DutyDeMinimis is < 0)
        {
            problems.Add(new("dutyDeMinimis", "number.range", "The duty threshold is zero or more."));
        }
        if (TaxDeMinimis is < 0)
        {
            problems.Add(new("taxDeMinimis", "number.range", "The tax threshold is zero or more."));
        }
        if (ValueBands is null || ValueBands.Count > 20 || ValueBands.Any(b => b <= 0) || ValueBands.Zip(ValueBands.Skip(1)).Any(p => p.Second <= p.First))
        {
            problems.Add(new("valueBands", "bands.order", "Value bands are at most 20 positive upper bounds in ascending order."));
        }
        if (MaxSaleAgeDays is < 1 or > 400)
        {
            problems.Add(new("maxSaleAgeDays", "number.range", "maxSaleAgeDays is 1 to 400."));
        }
        return problems;
    }

    /// <summary>The band a value in the national currency falls in, e.g. <c>0-10000</c> or <c>500000+</c>.</summary>
    public string BandOf(decimal value) => BandOf(value, BandLabels());

    /// <summary>The band a value falls in, from labels made once with <see cref="BandLabels"/>.</summary>
    public string BandOf(decimal value, IReadOnlyList<string> labels)
    {
        ArgumentNullException.ThrowIfNull(labels);
        for (var i = 0; i < ValueBands.Count; i++)
        {
            if (value <= ValueBands[i])
            {
                return labels[i];
            }
        }
        return labels[^1];
    }

    /// <summary>The label of each band (one more than the upper bounds: the last is open-ended).</summary>
    public IReadOnlyList<string> BandLabels()
    {
        var labels = new string[ValueBands.Count + 1];
        var lower = 0m;
        for (var i = 0; i < ValueBands.Count; i++)
        {
            labels[i] = $"{Text(lower)}-{Text(ValueBands[i])}";
            lower = ValueBands[i];
        }
        labels[^1] = $"{Text(lower)}+";
        return labels;
    }

    private static string Text(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
