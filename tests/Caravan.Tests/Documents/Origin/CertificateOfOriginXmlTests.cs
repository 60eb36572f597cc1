using System.Text;
using System.Xml;
using Caravan.Documents.Origin;

namespace Caravan.Tests.Documents.Origin;

public sealed class CertificateOfOriginXmlTests
{
    private static string SampleXml() =>
        Encoding.UTF8.GetString(CertificateOfOriginXml.ToUtf8Bytes(CertificateSamples.ThaiRiceAndCoffee()));

    [Fact]
    public void ToUtf8Bytes_WritesOurNamespaceAndCompactElements()
    {
        var xml = SampleXml();

        Assert.StartsWith("<?xml version=\"1.0\" encoding=\"utf-8\"?><CertificateOfOrigin version=\"1\" xmlns=\"urn:caravan:certificate-of-origin:1\">", xml, StringComparison.Ordinal);
        Assert.Contains("<HsCode>090121</HsCode>", xml, StringComparison.Ordinal);
        Assert.Contains("<FobValue currency=\"USD\">6120.40</FobValue>", xml, StringComparison.Ordinal);
        Assert.Contains("<Quantity unit=\"KGM\">400</Quantity>", xml, StringComparison.Ordinal);
        Assert.Contains("<Kind>RVC</Kind><RvcPercentage>42.5</RvcPercentage>", xml, StringComparison.Ordinal);
        Assert.Contains("&lt;none&gt; &amp; no", xml, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WrittenSample_PassesSchemaAndEqualsTheModel()
    {
        var result = CertificateOfOriginXml.Read(CertificateOfOriginXml.ToUtf8Bytes(CertificateSamples.ThaiRiceAndCoffee()));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(CertificateSamples.ThaiRiceAndCoffee(), result.Document);
    }

    [Fact]
    public void Read_PrettyPrintedWithComments_IsAccepted()
    {
        var document = CertificateOfOriginXml.ToXmlDocument(CertificateSamples.ThaiRiceAndCoffee());
        document.DocumentElement!.PrependChild(document.CreateComment(" a comment "));
        var builder = new StringBuilder();
        using (var writer = XmlWriter.Create(builder, new XmlWriterSettings { Indent = true }))
        {
            document.Save(writer);
        }

        var result = CertificateOfOriginXml.Read(builder.ToString());

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(CertificateSamples.ThaiRiceAndCoffee(), result.Document);
    }

    [Fact]
    public void Read_SchemaViolations_AreAllReportedWithLineAndPath()
    {
        var xml = SampleXml()
            .Replace("<HsCode>090121</HsCode>", "\n<HsCode>0901.21</HsCode>", StringComparison.Ordinal)
            .Replace("<Mode>maritime</Mode>", "\n<Mode>sea</Mode>", StringComparison.Ordinal)
            .Replace("<Agreement>ATIGA</Agreement>", "\n<Agreement>AT IGA</Agreement>", StringComparison.Ordinal);

        var result = CertificateOfOriginXml.Read(xml);

        Assert.Null(result.Document);
        Assert.All(result.Errors, e => Assert.Equal("xml.schema", e.Code));
        Assert.Equal(
            [("agreement", 2), ("transport.mode", 3), ("items[1].hsCode", 4)],
            result.Errors.Select(e => (e.Path, e.Line ?? 0)));
    }

    [Fact]
    public void Read_MissingRequiredElement_IsASchemaErrorOnTheParent()
    {
        var xml = SampleXml().Replace("<IssueDate>2026-03-12</IssueDate>", string.Empty, StringComparison.Ordinal);

        var error = Assert.Single(CertificateOfOriginXml.Read(xml).Errors);

        Assert.Equal("xml.schema", error.Code);
        Assert.Contains("IssueDate", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_UnknownHsCodeAndCountry_AreValueErrorsWithPathAndLine_NotAlsoRequired()
    {
        var xml = SampleXml()
            .Replace("<HsCode>090121</HsCode>", "\n<HsCode>999999</HsCode>", StringComparison.Ordinal)
            .Replace("<ImportingCountry>VN</ImportingCountry>", "\n<ImportingCountry>XV</ImportingCountry>", StringComparison.Ordinal);

        var result = CertificateOfOriginXml.Read(xml);

        Assert.Null(result.Document);
        Assert.Equal(
            [("importingCountry", "country_code.unknown", 2), ("items[1].hsCode", "hs_code.unknown", 3)],
            result.Errors.Select(e => (e.Path, e.Code, e.Line ?? 0)));
    }

    [Fact]
    public void Read_SchemaValidButBreaksBusinessRules_ReturnsDocumentAndErrors()
    {
        var xml = SampleXml().Replace("<ItemNumber>2</ItemNumber>", "<ItemNumber>1</ItemNumber>", StringComparison.Ordinal);

        var result = CertificateOfOriginXml.Read(xml);

        Assert.NotNull(result.Document);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("items[1].itemNumber", "item_number.duplicate"), (error.Path, error.Code));
    }

    [Fact]
    public void Read_WrongNamespace_IsRejected()
    {
        var xml = SampleXml().Replace(CertificateOfOriginXml.Namespace, "urn:other", StringComparison.Ordinal);

        var result = CertificateOfOriginXml.Read(xml);

        Assert.Null(result.Document);
        Assert.NotEmpty(result.Errors);
        Assert.All(result.Errors, e => Assert.Equal("xml.schema", e.Code));
    }

    [Fact]
    public void Read_Dtd_IsRefusedAsSyntaxError()
    {
        var xml = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" +
                  SampleXml()[SampleXml().IndexOf("<CertificateOfOrigin", StringComparison.Ordinal)..];

        var error = Assert.Single(CertificateOfOriginXml.Read(xml).Errors);

        Assert.Equal("xml.syntax", error.Code);
    }

    [Fact]
    public void Read_NotWellFormed_GivesSyntaxErrorWithLine()
    {
        var xml = SampleXml().Replace("</Remarks>", "\n\n</Remark>", StringComparison.Ordinal);

        var error = Assert.Single(CertificateOfOriginXml.Read(xml).Errors);

        Assert.Equal(("xml.syntax", 3), (error.Code, error.Line ?? 0));
    }

    [Fact]
    public void Read_XmlDocument_SkipsAnEnvelopedSignatureElement()
    {
        var document = CertificateOfOriginXml.ToXmlDocument(CertificateSamples.ThaiRiceAndCoffee());
        var signature = document.CreateElement("ds", "Signature", "http://www.w3.org/2000/09/xmldsig#");
        signature.InnerXml = "<ds:SignedInfo xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\"/>";
        document.DocumentElement!.AppendChild(signature);

        var result = CertificateOfOriginXml.Read(document);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
    }

    [Fact]
    public void Schemas_CompileAndDescribeTheRootElement()
    {
        var schemas = CertificateOfOriginXml.Schemas;

        Assert.True(schemas.IsCompiled);
        Assert.True(schemas.GlobalElements.Contains(new XmlQualifiedName("CertificateOfOrigin", CertificateOfOriginXml.Namespace)));
    }

    [Fact]
    public async Task ReadAsync_Stream_ReadsTheSample()
    {
        using var stream = new MemoryStream(CertificateOfOriginXml.ToUtf8Bytes(CertificateSamples.ThaiRiceAndCoffee()));

        var result = await CertificateOfOriginXml.ReadAsync(stream, CertificateOfOriginStage.Issued, CancellationToken.None);

        Assert.True(result.IsValid);
    }
}
