using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Caravan.Cli;
using Caravan.Cli.Demo;
using Caravan.Documents.Declarations;
using Caravan.Documents.Origin;
using Caravan.Documents.Phyto;
using Caravan.Tests.Documents.Declarations;
using Caravan.Tests.Documents.Origin;
using Caravan.Tests.Documents.Phyto;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Cli.Commands;

/// <summary><c>caravan doc validate</c>, run through the CLI's own root command, on corpus files and broken copies.</summary>
public sealed partial class DocCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("caravan-doc-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Dms(params string[] parts) =>
        Corpus.Path(["wco-dms-hmrc-cds", "public", "api", "conf", "3.0", "examples", .. parts]);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, content);
        return path;
    }

    private string Write(string name, byte[] content)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliRunner.RunAsync(CliRoot.Create(), ["doc", "validate", .. args], output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [GeneratedRegex(@"^  error (\d+):(\d+)", RegexOptions.Multiline)]
    private static partial Regex ErrorWithPosition();

    [Fact]
    public async Task Validate_LodgeableDmsDeclaration_ExitsZero()
    {
        var (exitCode, output, error) = await RunAsync(Write("export.xml", WcoDmsSamples.Export("UZ", "KZ")));
        Assert.True(exitCode == 0, output + error);
        Assert.StartsWith("export.xml: WCO DMS goods declaration (XML): valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_CompleteHmrcImportSample_ExitsZero()
    {
        var (exitCode, output, _) = await RunAsync(Dms("annotated_XML_samples", "TT_IM014a", "TT_IM014a.xml"));
        Assert.True(exitCode == 0, output);
    }

    [Fact]
    public async Task Validate_SchemaValidDmsSampleIncompleteForLodgement_ExitsTwoNamingEachFieldPath()
    {
        // HMRC's export sample leaves out the items' country of origin, which lodging here requires.
        var (exitCode, output, _) = await RunAsync(Dms("annotated_XML_samples", "TT_EX004a", "TT_EX004a.xml"));
        Assert.Equal(2, exitCode);
        Assert.Contains("  error items[0].originCountry: required:", output, StringComparison.Ordinal);
        Assert.Contains("  error items[1].originCountry: required:", output, StringComparison.Ordinal);
        Assert.DoesNotContain("xml.schema", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_EveryDmsCorpusSample_GetsTheXsdVerdict()
    {
        var failures = new List<string>();
        foreach (var row in WcoDmsCorpusTests.Samples())
        {
            var (path, verdict) = ((string)row[0], (string)row[1]);
            var (exitCode, output, error) = await RunAsync(Corpus.Path(["wco-dms-hmrc-cds", .. path.Split('/')]));
            var schemaOrSyntax = output.Contains(": xml.schema:", StringComparison.Ordinal) || output.Contains(": xml.syntax:", StringComparison.Ordinal);
            var ok = verdict switch
            {
                // Valid per XSD: never a schema error; business rules may still fail (exit 2) for incomplete samples.
                "VALID" => exitCode is 0 or 2 && !schemaOrSyntax,
                _ => exitCode == 2 && schemaOrSyntax && ErrorWithPosition().IsMatch(output),
            };
            if (!ok)
            {
                failures.Add($"{path} ({verdict}): exit {exitCode}\n{output}{error}");
            }
        }
        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    [Fact]
    public async Task Validate_SchemaInvalidDms_PrintsTheLineAndPositionOfEachError()
    {
        var xml = WcoDmsSamples.Export("UZ", "KZ")
            .Replace("<GoodsItemQuantity>1</GoodsItemQuantity>", "<GoodsItemQuantity>one</GoodsItemQuantity>", StringComparison.Ordinal)
            .Replace("<ModeCode>3</ModeCode>", "<ModeCode>road</ModeCode>", StringComparison.Ordinal);
        var (exitCode, output, _) = await RunAsync(Write("broken.xml", xml));
        Assert.Equal(2, exitCode);
        var lines = xml.Split('\n');
        var positions = ErrorWithPosition().Matches(output).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(2, positions.Count);
        Assert.Contains("<GoodsItemQuantity>", lines[positions[0] - 1], StringComparison.Ordinal);
        Assert.Contains("<ModeCode>", lines[positions[1] - 1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MalformedDmsSample_ReportsTheSyntaxErrorPosition()
    {
        var (exitCode, output, _) = await RunAsync(Dms("annotated_XML_samples", "TT_EX002a", "TT_EX002a.xml"));
        Assert.Equal(2, exitCode);
        Assert.Contains("  error 72:6: xml.syntax:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_Country_JudgesTheDeclarationAsLodgedWithThatNode()
    {
        // An import declared to Ireland is a valid declaration, but not one GB's single window lodges.
        var sample = Dms("annotated_XML_samples", "TT_IM201a", "Step1_TT_IM201a.xml");
        Assert.Equal(0, (await RunAsync(sample)).ExitCode);
        var (exitCode, output, _) = await RunAsync(sample, "--country", "GB");
        Assert.Equal(2, exitCode);
        Assert.Contains("destinationCountry: destination_country.not_this_node", output, StringComparison.Ordinal);
        Assert.Equal(64, (await RunAsync(sample, "--country", "Britain")).ExitCode);
    }

    [Fact]
    public async Task Validate_MattilsynetEphyto_StrictListsItsThreeSchemaErrors_LenientDemotesThemToWarnings()
    {
        var (exitCode, output, _) = await RunAsync(PhytoSamples.MattilsynetSamplePath);
        Assert.Equal(2, exitCode);
        Assert.StartsWith("SPSCertificateContent.xml: ePhyto SPSCertificate (XML): invalid, 3 errors", output, StringComparison.Ordinal);
        Assert.Equal(3, ErrorWithPosition().Matches(output).Count);
        Assert.Contains("  error 69:18 ", output, StringComparison.Ordinal);

        var (lenientExit, lenient, _) = await RunAsync(PhytoSamples.MattilsynetSamplePath, "--lenient");
        Assert.Contains("  warning 69:18 ", lenient, StringComparison.Ordinal);
        Assert.DoesNotContain(lenient.Split('\n'), l => l.StartsWith("  error", StringComparison.Ordinal) && l.Contains(": xml.schema:", StringComparison.Ordinal));
        // What is left are the sample's business-rule errors (its referenced documents carry no type code).
        Assert.Equal(2, lenientExit);
        Assert.Contains("  error document.referencedDocuments[0].typeCode: required:", lenient, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_EphytoWrittenByCaravan_IsValidAsXmlAndJson()
    {
        var certificate = PhytoSamples.KenyaRoses();
        var xml = await RunAsync(Write("roses.xml", PhytoXml.ToUtf8Bytes(certificate)));
        Assert.True(xml.ExitCode == 0, xml.Output);
        Assert.Contains("ePhyto SPSCertificate (XML): valid", xml.Output, StringComparison.Ordinal);
        var json = await RunAsync(Write("roses.json", PhytoJson.ToUtf8Bytes(certificate)));
        Assert.True(json.ExitCode == 0, json.Output);
        Assert.Contains("ePhyto certificate (JSON): valid", json.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_CertificateOfOrigin_XmlAndJson_ByStage()
    {
        var certificate = CertificateSamples.ThaiRiceAndCoffee();
        Assert.Equal(0, (await RunAsync(Write("co.xml", CertificateOfOriginXml.ToUtf8Bytes(certificate)))).ExitCode);
        Assert.Equal(0, (await RunAsync(Write("co.json", CertificateOfOriginJson.ToUtf8Bytes(certificate)))).ExitCode);

        // An application has no certification yet: acceptable as an application, not as an issued certificate.
        var application = Write("application.json", CertificateOfOriginJson.ToUtf8Bytes(certificate with { Certification = null }));
        Assert.Equal(0, (await RunAsync(application, "--stage", "application")).ExitCode);
        var (exitCode, output, _) = await RunAsync(application);
        Assert.Equal(2, exitCode);
        Assert.Contains("  error certification: ", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_BrokenCertificateOfOriginXml_PrintsLines()
    {
        var xml = System.Text.Encoding.UTF8.GetString(CertificateOfOriginXml.ToUtf8Bytes(CertificateSamples.ThaiRiceAndCoffee()));
        var broken = Regex.Replace(xml, "<([A-Za-z:]*)IssueDate>[^<]*<", "<$1IssueDate>12 March<", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.NotEqual(xml, broken);
        var (exitCode, output, _) = await RunAsync(Write("co.xml", broken));
        Assert.Equal(2, exitCode);
        Assert.Matches(ErrorWithPosition(), output);
    }

    [Fact]
    public async Task Validate_DeclarationJson_ValidThenEveryMissingFieldByPath()
    {
        var declaration = DemoDeclarations.ApplesExport(new DateOnly(2026, 9, 17));
        Assert.Equal(0, (await RunAsync(Write("apples.json", DeclarationJson.ToJson(declaration)))).ExitCode);

        var incomplete = declaration with { Consignee = null, Items = [declaration.Items[0] with { HsCode = null, OriginCountry = null }, .. declaration.Items.Skip(1)] };
        var (exitCode, output, _) = await RunAsync(Write("incomplete.json", DeclarationJson.ToJson(incomplete)));
        Assert.Equal(2, exitCode);
        Assert.StartsWith("incomplete.json: goods declaration (JSON): invalid, 3 errors", output, StringComparison.Ordinal);
        Assert.Contains("  error consignee: required:", output, StringComparison.Ordinal);
        Assert.Contains("  error items[0].hsCode: required:", output, StringComparison.Ordinal);
        Assert.Contains("  error items[0].originCountry: required:", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_DeclarationJsonWithBadValueOrUnknownMember_IsStillRecognised_AndNamesThePath()
    {
        var json = JsonNode.Parse(DeclarationJson.ToJson(DemoDeclarations.ApplesExport(new DateOnly(2026, 9, 17))))!;
        json["items"]![1]!["hsCode"] = "999999";
        var (exitCode, output, _) = await RunAsync(Write("bad-hs.json", json.ToJsonString()));
        Assert.Equal(2, exitCode);
        Assert.Matches(@"  error \d+:\d+ items\[1\]\.hsCode: hs_code\.unknown:", output);

        json["items"]![1]!["hsCode"] = "080810";
        json["exporterr"] = "typo";
        var typo = await RunAsync(Write("typo.json", json.ToJsonString()));
        Assert.Equal(2, typo.ExitCode);
        Assert.Contains("goods declaration (JSON)", typo.Output, StringComparison.Ordinal);
        Assert.Contains("exporterr", typo.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_MalformedJson_IsUnknownUnlessTheTypeIsGiven()
    {
        var path = Write("broken.json", "{\n  \"typeCode\": \"EX\",\n  \"items\": [\n}");
        var (exitCode, _, error) = await RunAsync(path);
        Assert.Equal(64, exitCode);
        Assert.Contains("unreadable JSON (line 4", error, StringComparison.Ordinal);
        var typed = await RunAsync(path, "--type", "declaration-json");
        Assert.Equal(2, typed.ExitCode);
        Assert.Contains("  error 4:", typed.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validate_UnknownUnreadableOrAmbiguousInput_IsBadUsage()
    {
        Assert.Equal(64, (await RunAsync(Path.Combine(_folder, "missing.xml"))).ExitCode);
        Assert.Equal(64, (await RunAsync(_folder)).ExitCode);
        Assert.Equal(64, (await RunAsync(Write("notes.txt", "just some text"))).ExitCode);
        Assert.Equal(64, (await RunAsync(Write("empty.xml", ""))).ExitCode);
        Assert.Equal(64, (await RunAsync(Write("array.json", "[1, 2]"))).ExitCode);
        Assert.Equal(64, (await RunAsync(Write("other.json", "{\"hello\": \"world\"}"))).ExitCode);
        var (ambiguous, _, error) = await RunAsync(Write("ambiguous.json", "{\"items\": []}"));
        Assert.Equal(64, ambiguous);
        Assert.Contains("could be any of", error, StringComparison.Ordinal);
        // An HMRC file-upload message: XML, but no document Caravan validates.
        var (otherRoot, _, rootError) = await RunAsync(Dms("FileUploadResponseExample.xml"));
        Assert.Equal(64, otherRoot);
        Assert.Contains("unknown XML root element", rootError, StringComparison.Ordinal);
        Assert.Equal(64, (await RunAsync(Write("x.xml", "<a/>"), "--type", "invoice")).ExitCode);
        Assert.Equal(64, (await RunAsync()).ExitCode);
    }
}
