using System.Globalization;
using System.Text;
using Caravan.Customs.Duty;
using Caravan.Customs.Tariff;
using Caravan.Documents.Common;

namespace Caravan.Tests.Customs;

/// <summary>
/// Property-style tests of the duty calculation with a home-made generator: random tariffs (ad valorem, specific,
/// mixed, excise, VAT, preferences), items (values, currencies, quantities) and de minimis thresholds. Every component
/// and every total is zero or more and has at most 2 decimals; the total is the sum of the rounded components; de
/// minimis never increases a charge.
/// </summary>
public sealed class DutyPropertyTests
{
    private static readonly DateOnly Day = new(2026, 11, 22);

    [Fact]
    public void Duty_IsNeverNegative_IsRoundedToTheMinorUnit_AndAddsUp()
    {
        var random = new Random(4242);
        for (var round = 0; round < 300; round++)
        {
            var (schedule, codes) = RandomTariff(random);
            var rates = new ExchangeRates([new ExchangeRate(CurrencyCode.Of("USD"), new DateOnly(2020, 1, 1), random.Next(1, 100_000) / 100m),
                new ExchangeRate(CurrencyCode.Of("EUR"), new DateOnly(2020, 1, 1), random.Next(1, 100_000) / 100m)]);
            var calculator = new DutyCalculator(CurrencyCode.Of("KZT"), schedule, rates, "p");
            var items = Enumerable.Range(1, random.Next(1, 6)).Select(n => new DutyItem(n, codes[random.Next(codes.Count)],
                new Money(random.Next(0, 10_000_000) / 100m, CurrencyCode.Of(new[] { "KZT", "USD", "EUR" }[random.Next(3)])),
                Quantity.Create(random.Next(1, 100_000) / 10m, "KGM").Value, CountryCode.Of("CN"))).ToList();
            DeMinimis? relief = random.Next(2) == 0 ? null : new DeMinimis(random.Next(0, 200_000), random.Next(3) == 0 ? null : random.Next(0, 200_000));

            var result = calculator.Calculate(items, Day, relief);
            Assert.True(result.IsSuccess, result.Failure?.Message);
            foreach (var item in result.Value.Items)
            {
                Assert.All(item.Components, c =>
                {
                    Assert.True(c.Amount >= 0, $"{c.Kind} {c.Amount} under {c.Rate}");
                    Assert.Equal(c.Amount, Math.Round(c.Amount, 2));
                });
                Assert.Equal(item.Components.Sum(c => c.Amount), item.Total.Amount);
            }
            Assert.Equal(result.Value.Items.Sum(i => i.Total.Amount), result.Value.Total.Amount);
            Assert.True(result.Value.Total.Amount >= 0);

            // Relief never raises what is charged.
            var without = calculator.Calculate(items, Day);
            Assert.True(result.Value.Total.Amount <= without.Value.Total.Amount, $"relief {relief} raised {without.Value.Total.Amount} to {result.Value.Total.Amount}");
        }
    }

    private static (TariffSchedule Schedule, List<string> Codes) RandomTariff(Random random)
    {
        string[] codes = ["080810", "610910", "851830", "950300", "2203", "22", "64"];
        var csv = new StringBuilder("code,valid_from,valid_to,mfn,vat_percent,excise,preferences\n");
        foreach (var code in codes)
        {
            var mfn = random.Next(4) switch
            {
                0 => random.Next(0, 40).ToString(CultureInfo.InvariantCulture),
                1 => $"{random.Next(0, 500)}/KGM",
                2 => $"{random.Next(0, 25)}+{random.Next(0, 300)}/KGM",
                _ => "0",
            };
            var excise = random.Next(3) == 0 ? $"{random.Next(0, 30)}" : "";
            csv.Append(CultureInfo.InvariantCulture, $"{code},2026-01-01,,{mfn},{random.Next(0, 21)},{excise},\n");
        }
        var parsed = TariffFile.Parse(csv.ToString());
        Assert.True(parsed.Document is not null, string.Join("; ", parsed.Errors.Select(e => e.Message)));
        return (parsed.Document!, ["080810", "610910", "851830", "950300", "220300", "220410", "640411"]);
    }
}
