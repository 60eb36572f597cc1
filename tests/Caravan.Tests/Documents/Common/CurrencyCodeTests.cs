using Caravan.Documents.Common;

namespace Caravan.Tests.Documents.Common;

public sealed class CurrencyCodeTests
{
    [Theory]
    [InlineData("USD")]
    [InlineData("EUR")]
    [InlineData("THB")]
    [InlineData("KZT")]
    [InlineData("XOF")]
    public void Create_ActiveCurrency_Succeeds(string text)
    {
        Assert.Equal(text, CurrencyCode.Create(text).Value.Value);
    }

    [Theory]
    [InlineData("usd", "currency_code.format")]
    [InlineData("US", "currency_code.format")]
    [InlineData("US1", "currency_code.format")]
    [InlineData(null, "currency_code.format")]
    [InlineData("ABC", "currency_code.unknown")]
    [InlineData("XXX", "currency_code.unknown")]
    [InlineData("XAU", "currency_code.unknown")]
    [InlineData("DEM", "currency_code.unknown")]
    public void Create_BadCode_FailsWithCode(string? text, string code)
    {
        Assert.Equal(code, CurrencyCode.Create(text).Error?.Code);
    }
}
