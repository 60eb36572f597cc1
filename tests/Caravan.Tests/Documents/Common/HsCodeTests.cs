using Caravan.Documents.Common;

namespace Caravan.Tests.Documents.Common;

public sealed class HsCodeTests
{
    [Fact]
    public void Create_ExistingSubheading_ExposesChapterHeadingAndDescription()
    {
        var code = HsCode.Create("090121").Value;

        Assert.Equal("09", code.Chapter);
        Assert.Equal("0901", code.Heading);
        Assert.Contains("roasted", code.Description, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("0901.21")]
    [InlineData("09012")]
    [InlineData("0901211")]
    [InlineData("09O121")]
    [InlineData("")]
    [InlineData(null)]
    public void Create_NotSixDigits_FailsWithFormat(string? text)
    {
        Assert.Equal("hs_code.format", HsCode.Create(text).Error?.Code);
    }

    [Theory]
    [InlineData("090100")] // heading padded with zeros is not a subheading
    [InlineData("999999")] // UN Comtrade's "not specified" line is not HS
    [InlineData("000000")]
    [InlineData("852460")] // HS 2022 has 8524 only for flat panel modules at 852411-852492
    public void Create_NotAnHs2022Subheading_FailsWithUnknown(string text)
    {
        Assert.Equal("hs_code.unknown", HsCode.Create(text).Error?.Code);
    }

    [Fact]
    public void Create_SubheadingNewInHs2022_Succeeds()
    {
        // 8524 (flat panel display modules) and 8806 (unmanned aircraft) were created by HS 2022.
        Assert.True(HsCode.Create("852411").IsSuccess);
        Assert.True(HsCode.Create("880610").IsSuccess);
    }
}
