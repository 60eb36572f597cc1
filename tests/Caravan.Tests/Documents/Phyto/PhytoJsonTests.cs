using Caravan.Documents.Phyto;

namespace Caravan.Tests.Documents.Phyto;

public sealed class PhytoJsonTests
{
    [Fact]
    public void ToJson_UsesCamelCaseAndOmitsNulls()
    {
        var json = PhytoJson.ToJson(PhytoSamples.KenyaRoses());

        using var parsed = System.Text.Json.JsonDocument.Parse(json);
        var document = parsed.RootElement.GetProperty("document");
        Assert.Equal("KE-KEPHIS-2025/0412", document.GetProperty("id").GetString());
        Assert.Equal(851, document.GetProperty("typeCode").GetInt32());
        Assert.Equal(70, document.GetProperty("statusCode").GetInt32());
        Assert.Equal("2025-04-15T10:30:00+03:00", document.GetProperty("issueDateTime").GetString());
        Assert.Contains("\"netWeight\":{\"value\":1200.5,\"unit\":\"KGM\"}", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        Assert.DoesNotContain("additionalDeclarations", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_BadCountry_ReportsCodeAndPath()
    {
        var json = PhytoJson.ToJson(PhytoSamples.KenyaRoses()).Replace("\"id\":\"NL\"", "\"id\":\"XX\"", StringComparison.Ordinal);

        var result = PhytoJson.Read(json);

        var error = Assert.Single(result.Errors);
        Assert.Null(result.Document);
        Assert.Equal("country_code.unknown", error.Code);
        Assert.Equal("consignment.importCountry.id", error.Path);
    }

    [Fact]
    public void Read_UnknownProperty_IsRefused()
    {
        var result = PhytoJson.Read("{\"document\":{\"colour\":\"green\"}}");

        Assert.Null(result.Document);
        Assert.Equal(PhytoErrorCodes.JsonInvalid, Assert.Single(result.Errors).Code);
    }
}
