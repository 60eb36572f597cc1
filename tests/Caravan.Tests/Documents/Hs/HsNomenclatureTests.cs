using Caravan.Documents.Hs;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Documents.Hs;

public sealed class HsNomenclatureTests
{
    private static HsNomenclature CreateSut() => HsNomenclature.Hs2022;

    [Fact]
    public void Hs2022_HasTheWcoCountsWithoutComtradeChapter99()
    {
        var sut = CreateSut();

        Assert.Equal(96, sut.ChapterCount);
        Assert.Equal(1228, sut.HeadingCount);
        Assert.Equal(5612, sut.SubheadingCount);
        Assert.False(sut.IsValidSubheading("999999"));
    }

    [Fact]
    public void Hs2022_AcceptsEverySubheadingOfTheCorpusFile()
    {
        var sut = CreateSut();
        using var reader = new StreamReader(Corpus.Path("hs-nomenclature", "data", "harmonized-system.csv"));
        var fromCorpus = HsNomenclature.Load("corpus", reader);

        var subheadings = fromCorpus.Entries.Where(e => e.Level == HsLevel.Subheading).ToList();

        Assert.Equal(5612, subheadings.Count);
        Assert.All(subheadings, e => Assert.True(sut.IsValidSubheading(e.Code), e.Code));
    }

    [Fact]
    public void TryGetEntry_Subheading_HasDescriptionParentAndSection()
    {
        var sut = CreateSut();

        Assert.True(sut.TryGetEntry("010121", out var entry));
        Assert.Equal(HsLevel.Subheading, entry.Level);
        Assert.Equal("Horses; live, pure-bred breeding animals", entry.Description);
        Assert.Equal("0101", entry.ParentCode);
        Assert.Equal("I", entry.Section);
        Assert.Equal("Horses, asses, mules and hinnies; live", sut.FindHeading("010121")?.Description);
        Assert.Equal("Animals; live", sut.FindChapter("010121")?.Description);
    }

    [Fact]
    public void IsValidSubheading_HeadingOrChapter_IsFalse()
    {
        var sut = CreateSut();

        Assert.False(sut.IsValidSubheading("0101"));
        Assert.False(sut.IsValidSubheading("01"));
        Assert.True(sut.TryGetEntry("0101", out var heading));
        Assert.Equal(HsLevel.Heading, heading.Level);
    }

    [Fact]
    public void Load_QuotedFieldsWithCommasAndQuotes_AreParsed()
    {
        var csv = "section,hscode,description,parent,level\nI,01,\"Animals, \"\"live\"\"\",TOTAL,2\r\nI,0101,Horses,01,4\n";

        var sut = HsNomenclature.Load("test", new StringReader(csv));

        Assert.True(sut.TryGetEntry("01", out var chapter));
        Assert.Equal("Animals, \"live\"", chapter.Description);
        Assert.Equal(1, sut.HeadingCount);
    }
}
