using Caravan.Customs.Duty;
using Caravan.Customs.Tariff;
using Caravan.Documents.Common;

namespace Caravan.Tests.Customs;

public sealed class TariffAndDutyTests
{
    private const string Kazakhstan = """
        code,valid_from,valid_to,mfn,vat_percent,excise,preferences
        080810,2026-01-01,2026-06-30,10,12,,CISFTA:UZ|KG|TJ=0
        080810,2026-07-01,,8,12,,CISFTA:UZ|KG|TJ=0;EAEU:RU|BY=0
        0808108001,2026-01-01,,5+0.02/KGM,12,,CISFTA:UZ=0
        220830,2026-01-01,,15,12,3+1.5/LTR,
        847130,2026-01-01,,0,12,,
        """;

    private static TariffSchedule Schedule() => TariffFile.Parse(Kazakhstan).Document!;

    private static DutyCalculator Calculator() =>
        new(CurrencyCode.Of("KZT"), Schedule(), new ExchangeRates([new ExchangeRate(CurrencyCode.Of("USD"), new DateOnly(2026, 9, 1), 470m), new ExchangeRate(CurrencyCode.Of("USD"), new DateOnly(2026, 9, 20), 480m)]), "KZ-2026-1");

    private static DutyItem Apples(PreferenceClaim? preference = null, string code = "080810") =>
        new(1, code, Money.Create(13_440m, "USD").Value, Quantity.Create(19_200m, "KGM").Value, CountryCode.Of("UZ"), preference);

    [Fact]
    public void Parse_ValidFile_FindsTheLongestCodeForTheDate()
    {
        var schedule = Schedule();
        Assert.Equal(8m, schedule.Find("0808109000", new DateOnly(2026, 9, 17))!.Mfn.AdValoremPercent);
        Assert.Equal(10m, schedule.Find("080810", new DateOnly(2026, 3, 1))!.Mfn.AdValoremPercent);
        Assert.Equal("0808108001", schedule.Find("0808108001", new DateOnly(2026, 9, 17))!.Code);
        Assert.Null(schedule.Find("080810", new DateOnly(2025, 12, 31)));
    }

    [Fact]
    public void Parse_GapsOverlapsAndBadValues_AreRefusedWithTheirLines()
    {
        var result = TariffFile.Parse("""
            code,valid_from,valid_to,mfn,vat_percent,excise,preferences
            080810,2026-01-01,2026-06-30,10,12,,
            080810,2026-06-01,2026-12-31,8,12,,
            080810,2027-02-01,,8,12,,
            999999,2026-01-01,,10,12,,
            847130,2026-01-01,,ten,12,,
            847130,2026-01-01,,0,120,,XX:ZZ9=0
            """);
        Assert.Null(result.Document);
        Assert.Contains(result.Errors, e => e is { Code: "tariff.overlap", Line: 3 } && e.Message.Contains("line 2", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e is { Code: "tariff.gap", Line: 4 } && e.Message.Contains("line 3", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e is { Code: "hs_code.unknown", Line: 5 });
        Assert.Contains(result.Errors, e => e is { Code: "tariff.rate", Line: 6 });
        Assert.Contains(result.Errors, e => e is { Code: "tariff.vat", Line: 7 });
        Assert.Contains(result.Errors, e => e is { Code: "country_code.invalid", Line: 7 });
    }

    [Fact]
    public void Mfn_ConvertsAtTheDatesRate_AndShowsItsWorking()
    {
        var assessment = Calculator().Calculate([Apples()], new DateOnly(2026, 9, 17)).Value;
        var item = Assert.Single(assessment.Items);
        Assert.Equal(6_316_800m, item.CustomsValue.Amount); // 13,440 USD × 470 (the rate of 1 September; 480 applies from the 20th)
        var duty = item.Components.Single(c => c.Kind == "duty");
        Assert.Equal(505_344m, duty.Amount); // 8% from 1 July
        Assert.Contains("MFN", duty.RateSource, StringComparison.Ordinal);
        Assert.Contains("470", duty.Conversion, StringComparison.Ordinal);
        var vat = item.Components.Single(c => c.Kind == "vat");
        Assert.Equal(Math.Round((6_316_800m + 505_344m) * 0.12m, 2), vat.Amount);
        Assert.Equal(duty.Amount + vat.Amount, assessment.Total.Amount);
    }

    [Fact]
    public void Preference_AppliesOnlyForAnOriginTheAgreementLists()
    {
        var claim = new PreferenceClaim("CISFTA", CountryCode.Of("UZ"), "UZ-CO-2026-000001");
        var preferential = Calculator().Calculate([Apples(claim)], new DateOnly(2026, 9, 17)).Value.Items[0];
        Assert.Equal(0m, preferential.Components.Single(c => c.Kind == "duty").Amount);
        Assert.Contains("UZ-CO-2026-000001", preferential.Components.Single(c => c.Kind == "duty").RateSource, StringComparison.Ordinal);

        var chinese = Apples(new PreferenceClaim("CISFTA", CountryCode.Of("CN"), "CN-1")) with { Origin = CountryCode.Of("CN") };
        var refused = Calculator().Calculate([chinese], new DateOnly(2026, 9, 17));
        Assert.Equal("preference.not_in_tariff", Assert.Single(refused.Failure!.Errors!).Code);
    }

    [Fact]
    public void SpecificRates_NeedTheQuantityInTheirUnit()
    {
        var national = Calculator().Calculate([Apples(code: "0808108001")], new DateOnly(2026, 9, 17)).Value.Items[0];
        Assert.Equal(Math.Round((6_316_800m * 0.05m) + (19_200m * 0.02m), 2), national.Components.Single(c => c.Kind == "duty").Amount);

        var spirits = new DutyItem(1, "220830", Money.Create(1_000m, "USD").Value, Quantity.Create(100m, "KGM").Value, CountryCode.Of("GB"));
        var refused = Calculator().Calculate([spirits], new DateOnly(2026, 9, 17));
        Assert.Equal("quantity.unit_required", Assert.Single(refused.Failure!.Errors!).Code);

        var litres = spirits with { Quantity = Quantity.Create(100m, "LTR").Value };
        var assessed = Calculator().Calculate([litres], new DateOnly(2026, 9, 17)).Value.Items[0];
        Assert.Equal(Math.Round((470_000m * 0.03m) + 150m, 2), assessed.Components.Single(c => c.Kind == "excise").Amount);
    }

    [Fact]
    public void MissingRatesAndLines_NameTheItem()
    {
        var euro = Apples() with { CustomsValue = Money.Create(100m, "EUR").Value };
        var noRate = Calculator().Calculate([euro], new DateOnly(2026, 9, 17));
        Assert.Equal("exchange_rate.missing", Assert.Single(noRate.Failure!.Errors!).Code);
        var noLine = Calculator().Calculate([Apples(code: "010121")], new DateOnly(2026, 9, 17));
        Assert.Equal(("items[0].goodsCode", "tariff.no_line"), (noLine.Failure!.Errors![0].Path, noLine.Failure.Errors![0].Code));
    }

    [Fact]
    public void Property_ChargesAreNeverNegative_TotalsAddUp_AndAPreferenceNeverCostsMore()
    {
        var random = new Random(20261122);
        var codes = new[] { "080810", "0808108001", "847130" };
        for (var run = 0; run < 2_000; run++)
        {
            var value = Math.Round((decimal)random.NextDouble() * 10_000_000m, 2);
            var item = new DutyItem(1, codes[random.Next(codes.Length)], Money.Create(value, random.Next(2) == 0 ? "USD" : "KZT").Value,
                Quantity.Create(Math.Round((decimal)random.NextDouble() * 50_000m, 3), "KGM").Value, CountryCode.Of("UZ"));
            var date = new DateOnly(2026, 9, 1).AddDays(random.Next(120));
            var mfn = Calculator().Calculate([item], date).Value;
            Assert.All(mfn.Items.SelectMany(i => i.Components), c => Assert.True(c.Amount >= 0));
            Assert.Equal(mfn.Items.Sum(i => i.Components.Sum(c => c.Amount)), mfn.Total.Amount);
            var withPreference = item with { Preference = new PreferenceClaim("CISFTA", CountryCode.Of("UZ"), "UZ-CO-1") };
            var preferential = Calculator().Calculate([withPreference], date);
            if (preferential.IsSuccess)
            {
                Assert.True(preferential.Value.Total.Amount <= mfn.Total.Amount);
            }
        }
    }
}
