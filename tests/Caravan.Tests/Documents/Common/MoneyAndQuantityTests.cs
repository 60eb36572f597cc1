using Caravan.Documents.Common;

namespace Caravan.Tests.Documents.Common;

public sealed class MoneyAndQuantityTests
{
    [Fact]
    public void MoneyCreate_KeepsScaleAndCurrency()
    {
        var money = Money.Create(10.50m, "USD").Value;

        Assert.Equal("USD 10.50", money.ToString());
        Assert.Equal(CurrencyCode.Of("USD"), money.Currency);
    }

    [Fact]
    public void MoneyCreate_UnknownCurrency_FailsWithCurrencyCode()
    {
        Assert.Equal("currency_code.unknown", Money.Create(1m, "ABC").Error?.Code);
    }

    [Theory]
    [InlineData("USD 10.50", true)]
    [InlineData("USD -3", true)]
    [InlineData("USD10.50", false)]
    [InlineData("usd 10", false)]
    [InlineData("USD ten", false)]
    public void MoneyTryParse_ReadsCurrencySpaceAmount(string text, bool expected)
    {
        Assert.Equal(expected, Money.TryParse(text, out _));
    }

    [Theory]
    [InlineData("KGM")]
    [InlineData("TNE")]
    [InlineData("C62")]
    [InlineData("NAR")]
    [InlineData("LTR")]
    [InlineData("MTK")]
    [InlineData("PR")]
    [InlineData("DZN")]
    public void QuantityCreate_KnownUnit_Succeeds(string unit)
    {
        var quantity = Quantity.Create(2.5m, unit).Value;

        Assert.Equal(unit, quantity.Unit);
        Assert.Equal(2.5m, quantity.Value);
    }

    [Theory]
    [InlineData("kgm")]
    [InlineData("KG")]
    [InlineData("PCS")]
    [InlineData(null)]
    public void QuantityCreate_UnknownUnit_FailsWithUnitCode(string? unit)
    {
        Assert.Equal("unit_code.unknown", Quantity.Create(1m, unit).Error?.Code);
    }

    [Fact]
    public void QuantityTryParse_ReadsValueSpaceUnit()
    {
        Assert.True(Quantity.TryParse("12.5 KGM", out var quantity));
        Assert.Equal(Quantity.Create(12.5m, "KGM").Value, quantity);
        Assert.False(Quantity.TryParse("12.5 XYZ", out _));
    }

    [Theory]
    [InlineData("THBKK", true, null)]
    [InlineData("VNSGN", true, null)]
    [InlineData("KZALA", true, null)]
    [InlineData("DEHA2", true, null)]
    [InlineData("thbkk", false, "un_locode.format")]
    [InlineData("TH BKK", false, "un_locode.format")]
    [InlineData("THBK", false, "un_locode.format")]
    [InlineData("ZZBKK", false, "un_locode.unknown_country")]
    public void UnLocodeCreate_ChecksShapeAndCountry(string text, bool ok, string? code)
    {
        var result = UnLocode.Create(text);

        Assert.Equal(ok, result.IsSuccess);
        Assert.Equal(code, result.Error?.Code);
        if (ok)
        {
            Assert.Equal(text[..2], result.Value.Country.Value);
        }
    }
}
