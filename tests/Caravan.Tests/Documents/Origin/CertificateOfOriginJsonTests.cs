using System.Text;
using System.Text.Json.Nodes;
using Caravan.Documents.Origin;

namespace Caravan.Tests.Documents.Origin;

public sealed class CertificateOfOriginJsonTests
{
    private static string SampleJson() => CertificateOfOriginJson.ToJson(CertificateSamples.ThaiRiceAndCoffee());

    private static string Mutate(Action<JsonObject> change)
    {
        var node = JsonNode.Parse(SampleJson())!.AsObject();
        change(node);
        return node.ToJsonString();
    }

    [Fact]
    public void ToJson_UsesCamelCasePlainStringsAndObjects()
    {
        var node = JsonNode.Parse(SampleJson())!;

        Assert.Equal("TH-2026-000123", (string?)node["certificateNumber"]);
        Assert.Equal("TH", (string?)node["issuingCountry"]);
        Assert.Equal("2026-03-12", (string?)node["issueDate"]);
        Assert.Equal("maritime", (string?)node["transport"]!["mode"]);
        Assert.Equal("THLCH", (string?)node["transport"]!["portOfLoading"]);
        var item = node["items"]![1]!;
        Assert.Equal("090121", (string?)item["hsCode"]);
        Assert.Equal("RVC", (string?)item["originCriterion"]!["kind"]);
        Assert.Equal(42.5m, (decimal)item["originCriterion"]!["rvcPercentage"]!);
        Assert.Equal("KGM", (string?)item["quantity"]!["unit"]);
        Assert.Equal("USD", (string?)item["fobValue"]!["currency"]);
        Assert.Contains("\"amount\":6120.40", SampleJson(), StringComparison.Ordinal);
        Assert.Null(node["items"]![0]!["originCriterion"]!["rvcPercentage"]);
    }

    [Fact]
    public void Read_WrittenSample_IsEqualAndValid()
    {
        var result = CertificateOfOriginJson.Read(Encoding.UTF8.GetBytes(SampleJson()));

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(CertificateSamples.ThaiRiceAndCoffee(), result.Document);
    }

    [Fact]
    public void Read_UnknownHsCode_GivesFieldPathAndHsCodeUnknown()
    {
        var json = Mutate(n => n["items"]![1]!["hsCode"] = "999999");

        var result = CertificateOfOriginJson.Read(json);

        Assert.Null(result.Document);
        var error = Assert.Single(result.Errors);
        Assert.Equal(("items[1].hsCode", "hs_code.unknown"), (error.Path, error.Code));
        Assert.NotNull(error.Line);
    }

    [Theory]
    [InlineData("issuingCountry", "\"XX\"", "issuingCountry", "country_code.unknown")]
    [InlineData("issuingCountry", "42", "issuingCountry", "json.type")]
    [InlineData("issueDate", "\"12/03/2026\"", "issueDate", "json.invalid")]
    [InlineData("items", "null", "items", "json.invalid")]
    [InlineData("surprise", "1", "", "json.invalid")]
    public void Read_BadValue_GivesTypedErrorWithPath(string property, string rawValue, string path, string code)
    {
        var json = Mutate(n => n[property] = JsonNode.Parse(rawValue));

        var result = CertificateOfOriginJson.Read(json);

        var error = Assert.Single(result.Errors);
        Assert.Equal(code, error.Code);
        Assert.StartsWith(path, error.Path, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadCurrencyInsideMoney_PointsAtTheMoney()
    {
        var json = Mutate(n => n["items"]![0]!["fobValue"]!["currency"] = "usd");

        var error = Assert.Single(CertificateOfOriginJson.Read(json).Errors);

        Assert.Equal(("items[0].fobValue", "currency_code.format"), (error.Path, error.Code));
    }

    [Fact]
    public void Read_EnumAsNumber_IsRejected()
    {
        var json = Mutate(n => n["transport"]!["mode"] = 1);

        var error = Assert.Single(CertificateOfOriginJson.Read(json).Errors);

        Assert.Equal("transport.mode", error.Path);
    }

    [Fact]
    public void Read_MalformedJson_GivesJsonInvalidWithLine()
    {
        var result = CertificateOfOriginJson.Read("{\n  \"certificateNumber\": \"A\",\n  oops\n}");

        var error = Assert.Single(result.Errors);
        Assert.Equal("json.invalid", error.Code);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Read_WellFormedButIncomplete_ReturnsDocumentAndEveryBusinessError()
    {
        var json = Mutate(n =>
        {
            n.Remove("certificateNumber");
            n["items"]![0]!["originCriterion"] = JsonNode.Parse("{\"kind\":\"RVC\"}");
            n["items"]![1]!["itemNumber"] = 1;
        });

        var result = CertificateOfOriginJson.Read(json);

        Assert.NotNull(result.Document);
        Assert.False(result.IsValid);
        Assert.Equal(
            ["certificateNumber", "items[0].originCriterion.rvcPercentage", "items[1].itemNumber"],
            result.Errors.Select(e => e.Path).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Read_JsonNull_IsAnErrorNotAnException()
    {
        Assert.Equal("required", Assert.Single(CertificateOfOriginJson.Read("null").Errors).Code);
    }

    [Fact]
    public async Task ReadAsync_Stream_ReadsTheSample()
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(SampleJson()));

        var result = await CertificateOfOriginJson.ReadAsync(stream, CertificateOfOriginStage.Issued, CancellationToken.None);

        Assert.True(result.IsValid);
    }

    [Theory]
    [InlineData("rvc")]
    [InlineData("RegionalValueContent")]
    public void Read_EnumNotInItsCanonicalForm_IsRejectedLikeInXml(string kind)
    {
        var json = Mutate(n => n["items"]![1]!["originCriterion"]!["kind"] = kind);

        var error = Assert.Single(CertificateOfOriginJson.Read(json).Errors);

        Assert.Equal(("items[1].originCriterion.kind", "json.invalid"), (error.Path, error.Code));
    }

    [Fact]
    public void Read_NullItemAndNullAddressLine_AreRequiredErrorsNotExceptions()
    {
        var json = Mutate(n =>
        {
            n["items"]!.AsArray().Add(null);
            n["exporter"]!["addressLines"]!.AsArray().Add(null);
        });

        var result = CertificateOfOriginJson.Read(json);

        Assert.Equal(
            [("exporter.addressLines[2]", "required"), ("items[2]", "required")],
            result.Errors.Select(e => (e.Path, e.Code)).Order());
    }
}
