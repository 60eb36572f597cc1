using Caravan.Documents.Common;

namespace Caravan.Tests.Documents.Common;

public sealed class CountryCodeTests
{
    [Theory]
    [InlineData("TH")]
    [InlineData("VN")]
    [InlineData("KZ")]
    [InlineData("AX")]
    public void Create_AssignedCode_Succeeds(string text)
    {
        var result = CountryCode.Create(text);

        Assert.True(result.IsSuccess);
        Assert.Equal(text, result.Value.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("T")]
    [InlineData("THA")]
    [InlineData("th")]
    [InlineData("T1")]
    public void Create_WrongShape_FailsWithFormat(string? text)
    {
        var result = CountryCode.Create(text);

        Assert.False(result.IsSuccess);
        Assert.Equal("country_code.format", result.Error.Code);
    }

    [Theory]
    [InlineData("XX")]
    [InlineData("UK")]
    [InlineData("EU")]
    public void Create_UnassignedCode_FailsWithUnknown(string text)
    {
        Assert.Equal("country_code.unknown", CountryCode.Create(text).Error?.Code);
    }

    [Fact]
    public void BuiltInList_HasAll249AssignedCodes()
    {
        Assert.Equal(249, Iso3166Countries.Codes.Count);
    }

    [Fact]
    public void Default_IsEmptyAndNotEqualToAnyCode()
    {
        Assert.Equal(string.Empty, default(CountryCode).Value);
        Assert.NotEqual(CountryCode.Of("TH"), default);
        Assert.Equal(CountryCode.Of("TH"), CountryCode.Of("TH"));
    }

    [Fact]
    public void Value_IsSafeOnBadInput_TryParseReturnsFalse()
    {
        Assert.False(CountryCode.TryParse("ZZ", out _));
        Assert.True(CountryCode.TryParse("SG", out var sg));
        Assert.Equal("SG", sg.ToString());
        Assert.Throws<InvalidOperationException>(() => CountryCode.Create("ZZ").Value);
    }
}
