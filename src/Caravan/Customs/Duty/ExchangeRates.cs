using Caravan.Documents.Common;

namespace Caravan.Customs.Duty;

/// <summary>A published exchange rate: how many units of the national currency one unit of <see cref="Currency"/> is worth, from <see cref="Date"/>.</summary>
public sealed record ExchangeRate(CurrencyCode Currency, DateOnly Date, decimal NationalPerUnit);

/// <summary>The published rates; the rate for a date is the latest published on or before it.</summary>
public sealed class ExchangeRates(IEnumerable<ExchangeRate> rates)
{
    private readonly Dictionary<CurrencyCode, List<ExchangeRate>> _byCurrency = rates.GroupBy(r => r.Currency).ToDictionary(g => g.Key, g => g.OrderBy(r => r.Date).ToList());

    public ExchangeRate? Find(CurrencyCode currency, DateOnly date) =>
        _byCurrency.TryGetValue(currency, out var list) ? list.LastOrDefault(r => r.Date <= date) : null;
}
