using System.Text.Json.Nodes;
using Caravan.Cli.Demo;
using Caravan.Documents.Declarations;

namespace Caravan.Tests.Documents.Declarations;

public sealed class DeclarationJsonTests
{
    private static CustomsDeclaration Apples() => DemoDeclarations.ApplesExport(new DateOnly(2026, 9, 17));

    private static JsonNode ApplesJson() => JsonNode.Parse(DeclarationJson.ToJson(Apples()))!;

    [Fact]
    public void RoundTrip_KeepsEveryField_InCamelCaseWithoutNulls()
    {
        var json = DeclarationJson.ToJson(Apples());
        Assert.Contains("\"functionalReference\":\"FVF-EX-2026-0917\"", json, StringComparison.Ordinal);
        Assert.Contains("\"hsCode\":\"080810\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("null", json, StringComparison.Ordinal);
        var read = DeclarationJson.Read(json);
        Assert.True(read.IsValid, string.Join("; ", read.Errors));
        Assert.Equal(json, DeclarationJson.ToJson(read.Document!));
    }

    [Fact]
    public void UnknownMember_IsRefusedWithItsPath()
    {
        var json = ApplesJson();
        json["items"]![0]!["hsCodes"] = "080810";
        var error = Assert.Single(DeclarationJson.Read(json.ToJsonString()).Errors);
        Assert.Equal(DeclarationErrorCodes.JsonInvalid, error.Code);
        Assert.Contains("hsCodes", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("hsCode", "999999", "hs_code.unknown")]
    [InlineData("originCountry", "XX", "country_code.unknown")]
    [InlineData("originCountry", "uz", "country_code.format")]
    public void BadValue_IsRefusedWithTheValuesCodeAndPath(string member, string value, string code)
    {
        var json = ApplesJson();
        json["items"]![1]![member] = value;
        var error = Assert.Single(DeclarationJson.Read(json.ToJsonString()).Errors);
        Assert.Equal(code, error.Code);
        Assert.Equal($"items[1].{member}", error.Path);
        Assert.NotNull(error.Line);
    }

    [Fact]
    public void BadCurrency_AndMalformedJson_AreErrors()
    {
        var json = ApplesJson();
        json["invoiceAmount"]!["currency"] = "DOLLARS";
        var currency = Assert.Single(DeclarationJson.Read(json.ToJsonString()).Errors);
        Assert.StartsWith("invoiceAmount", currency.Path, StringComparison.Ordinal);
        Assert.Equal(DeclarationErrorCodes.JsonInvalid, Assert.Single(DeclarationJson.Read("{\"items\": [").Errors).Code);
        Assert.Equal(DeclarationErrorCodes.Required, Assert.Single(DeclarationJson.Read("null").Errors).Code);
    }
}
