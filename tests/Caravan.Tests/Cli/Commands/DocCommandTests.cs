using System.CommandLine;
using Caravan.Cli;
using Caravan.Cli.Commands;
using Caravan.Cli.Demo;
using Caravan.Documents.Acdd;
using Caravan.Documents.Declarations;
using Caravan.Documents.Origin;
using Caravan.Documents.Phyto;
using Caravan.Tests.Documents.Phyto;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Cli.Commands;

/// <summary><c>caravan doc validate</c> recognises each document type, exits 0/2/64, and names every error's place.</summary>
public sealed class DocCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("caravan-doc-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand { DocCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliRunner.RunAsync(root, ["doc", "validate", .. args], output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    private static string Dms(string folder, string file) =>
        Corpus.Path("wco-dms-hmrc-cds", "public", "api", "conf", "3.0", "examples", "annotated_XML_samples", folder, file);

    private static CertificateOfOrigin Issued(DateOnly today) => DemoCertificates.ApplesApplication(today) with
    {
        CertificateNumber = "UZ-CO-2026-000001",
        IssueDate = today,
        IssuingCountry = Caravan.Documents.Common.CountryCode.Of("UZ"),
        ImportingCountry = Caravan.Documents.Common.CountryCode.Of("KZ"),
        IssuingAuthority = new IssuingAuthority { Name = "Chamber of Commerce and Industry of Uzbekistan", Country = Caravan.Documents.Common.CountryCode.Of("UZ") },
        Certification = new Certification { Place = "Tashkent", Date = today, OfficerName = "Nodira Yusupova" },
    };

    [Fact]
    public async Task ValidDocuments_OfEveryType_ExitZero()
    {
        var today = new DateOnly(2026, 9, 17);
        var files = new Dictionary<string, string>
        {
            ["declaration JSON"] = Write("export.json", DeclarationJson.ToJson(DemoDeclarations.ApplesExport(today))),
            ["declaration XML"] = Write("export.xml", WcoDmsSamples.Export("UZ", "KZ")),
            ["ePhyto XML"] = Write("ephyto.xml", System.Text.Encoding.UTF8.GetString(PhytoXml.ToUtf8Bytes(PhytoSamples.KenyaRoses()))),
            ["ePhyto JSON"] = Write("ephyto.json", PhytoJson.ToJson(PhytoSamples.KenyaRoses())),
            ["certificate of origin JSON"] = Write("co.json", CertificateOfOriginJson.ToJson(Issued(today))),
            ["certificate of origin XML"] = Write("co.xml", System.Text.Encoding.UTF8.GetString(CertificateOfOriginXml.ToUtf8Bytes(Issued(today)))),
            ["ACDD JSON"] = Write("acdd.json", AcddJson.ToJson(AcddDerivation.FromExport(DemoDeclarations.ApplesExport(today), "cns_1", null))),
        };
        foreach (var (kind, path) in files)
        {
            var (exitCode, output, error) = await RunAsync(path);
            Assert.True(exitCode == 0, $"{kind}: {exitCode} {output} {error}");
            Assert.Contains(": valid", output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task CorpusSamples_GetTheirVerdicts()
    {
        var (valid, validOutput, _) = await RunAsync(Dms("TT_EX004a", "TT_EX004a.xml"));
        // HMRC's export sample is schema-valid; as a lodgement it lacks item origins and the consignee's country rules: exit 2 with paths.
        Assert.Contains("WCO DMS declaration (XML)", validOutput, StringComparison.Ordinal);
        Assert.True(valid is 0 or 2);
        // A declaration whose comment breaks the XML rules: recognised by its root, invalid with the line of the fault.
        var (malformed, malformedOutput, _) = await RunAsync(Dms("TT_EX002a", "TT_EX002a.xml"));
        Assert.Equal(2, malformed);
        Assert.Contains("line 72:", malformedOutput, StringComparison.Ordinal);
        var (phyto, phytoOutput, _) = await RunAsync(PhytoSamples.MattilsynetSamplePath);
        Assert.Equal(2, phyto);
        Assert.Contains("ePhyto SPSCertificate (XML)", phytoOutput, StringComparison.Ordinal);
        Assert.Matches(@"line \d+:\d+", phytoOutput);
        Assert.DoesNotContain("unknown", malformedOutput, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SchemaErrors_PrintLineAndPosition_AndExitTwo()
    {
        var broken = Write("broken.xml", WcoDmsSamples.Export("UZ", "KZ").Replace("<GoodsItemQuantity>1</GoodsItemQuantity>", "<GoodsItemQuantity>x</GoodsItemQuantity>", StringComparison.Ordinal));
        var (exitCode, output, _) = await RunAsync(broken);
        Assert.Equal(2, exitCode);
        var line = File.ReadAllLines(broken).ToList().FindIndex(l => l.Contains("<GoodsItemQuantity>", StringComparison.Ordinal)) + 1;
        Assert.Contains($"line {line}:", output, StringComparison.Ordinal);
        Assert.Contains("xml.schema", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BusinessErrors_PrintFieldPaths_AndExitTwo()
    {
        var declaration = DemoDeclarations.ApplesExport(new DateOnly(2026, 9, 17));
        var path = Write("incomplete.json", DeclarationJson.ToJson(declaration with { Consignee = null, Items = [declaration.Items[0] with { OriginCountry = null }] }));
        var (exitCode, output, _) = await RunAsync(path);
        Assert.Equal(2, exitCode);
        Assert.Contains("consignee: required", output, StringComparison.Ordinal);
        Assert.Contains("items[0].originCountry: required", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownTypes_MissingFiles_AndBadUsage_ExitSixtyFour()
    {
        Assert.Equal(64, (await RunAsync(Write("note.txt", "hello"))).ExitCode);
        Assert.Equal(64, (await RunAsync(Write("other.json", "{\"name\":\"x\"}"))).ExitCode);
        Assert.Equal(64, (await RunAsync(Write("other.xml", "<html><body/></html>"))).ExitCode);
        Assert.Equal(64, (await RunAsync(Write("empty.xml", ""))).ExitCode);
        Assert.Equal(64, (await RunAsync(Path.Combine(_folder, "missing.xml"))).ExitCode);
        Assert.Equal(64, (await RunAsync()).ExitCode);
    }
}
