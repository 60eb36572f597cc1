using Caravan.Documents.Declarations;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Documents.Declarations;

/// <summary>
/// Every WCO DMS sample of HMRC's Customs Declaration Service gets the same verdict from <see cref="WcoDms"/> as from
/// the reference validation recorded in the corpus (System.Xml.Schema against the declaration schemas), and every
/// valid one maps to the model.
/// </summary>
public sealed class WcoDmsCorpusTests
{
    public static TheoryData<string, string> Samples()
    {
        var data = new TheoryData<string, string>();
        foreach (var line in File.ReadLines(Corpus.Path("wco-dms-hmrc-cds", "XSD-VALIDATION-RESULTS.tsv")).Skip(1))
        {
            var fields = line.Split('\t');
            var verdict = fields[1].Split('(')[0];
            if (verdict is "VALID" or "INVALID" or "NOT-WELL-FORMED")
            {
                data.Add(fields[0]["wco-dms-hmrc-cds/".Length..], verdict);
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Samples))]
    public void Read_GivesTheReferenceVerdict(string path, string verdict)
    {
        var result = WcoDms.Read(File.ReadAllBytes(Corpus.Path(["wco-dms-hmrc-cds", .. path.Split('/')])));
        switch (verdict)
        {
            case "VALID":
                Assert.True(result.IsValid, string.Join("; ", result.Errors));
                // Requests about an earlier declaration (function code 13: cancellation INV, amendment COR, goods
                // presentation GPR) carry no goods items; every declaration proper does.
                if (result.Declaration!.FunctionCode != 13)
                {
                    Assert.NotEmpty(result.Declaration.Items);
                    Assert.All(result.Declaration.Items, i => Assert.NotNull(i.SequenceNumber));
                }
                break;
            case "INVALID":
                Assert.False(result.IsValid);
                Assert.Contains(result.Errors, e => e.Code == "xml.schema" && e.Line > 0);
                break;
            default:
                Assert.False(result.IsValid);
                Assert.Equal("xml.syntax", Assert.Single(result.Errors).Code);
                break;
        }
    }

    [Fact]
    public void Samples_CoverEveryVerdict()
    {
        var verdicts = Samples().Select(row => (string)row[1]).ToList();
        Assert.True(verdicts.Count(v => v == "VALID") >= 100);
        Assert.Contains("INVALID", verdicts);
        Assert.Contains("NOT-WELL-FORMED", verdicts);
    }
}
