using Caravan.Documents.Declarations;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Documents.Declarations;

public sealed class WcoDmsMappingTests
{
    private static string Sample(string folder, string file) =>
        Corpus.Path("wco-dms-hmrc-cds", "public", "api", "conf", "3.0", "examples", "annotated_XML_samples", folder, file);

    [Fact]
    public void ExportSample_MapsHeaderPartiesItemsAndDocuments()
    {
        var result = WcoDms.Read(File.ReadAllBytes(Sample("TT_EX004a", "TT_EX004a.xml")));
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var d = result.Declaration!;
        Assert.Equal("TTEX004a_1010WE", d.FunctionalReference);
        Assert.Equal("EX", d.TypeCode);
        Assert.Equal("Y", d.AdditionalTypeCode);
        Assert.Equal("GB896458895015", d.Exporter!.Id);
        Assert.Equal("Mr Daniel Obutenrey", d.Consignee!.Name);
        Assert.Equal("SD", d.Consignee.Country!.Value.Value);
        Assert.Equal("GB", d.ExportCountry!.Value.Value);
        Assert.Equal("SD", d.DestinationCountry!.Value.Value);
        Assert.Equal(1, d.Transport!.ModeCode);
        Assert.Equal("GB000051", d.ExitOffice);
        Assert.Equal(100000m, d.InvoiceAmount!.Value.Amount);
        Assert.Equal(2, d.Items.Count);
        var first = d.Items[0];
        Assert.Equal(1, first.SequenceNumber);
        Assert.Equal("930190", first.HsCode!.Value.Value);
        Assert.Equal("93019000", first.CommodityCode);
        Assert.Equal("Sniper Rifle with 27' barrel", first.Description);
        Assert.Equal(50000m, first.Value!.Value.Amount);
        Assert.Equal(15m, first.NetMassKg);
        Assert.Equal(20m, first.GrossMassKg);
        Assert.Equal("1040", first.ProcedureCode);
        Assert.Contains(first.Documents, x => x is { Kind: "additional", TypeCode: "9104", Id: "GBSIEXYK3ZZZ-0001" });
        Assert.Contains(first.Documents, x => x is { Kind: "previous", TypeCode: "YSDE" });
    }

    [Fact]
    public void AgentStatusOnly_IsNoParty_AndWaiversWithoutNumberAreLodgeable()
    {
        // HMRC's import sample: <Agent> carries only FunctionCode 2 (direct representation by the declarant), and
        // the CITES waiver Y900 has a name but no number.
        var result = WcoDms.Read(File.ReadAllBytes(Sample("TT_IM083a", "Step1_TT_IM083a.xml")));
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var d = result.Declaration!;
        Assert.Null(d.Agent);
        Assert.Equal("2", d.AgentStatusCode);
        var waiver = Assert.Single(d.Items[0].Documents, x => x.TypeCode == "Y900");
        Assert.Null(waiver.Id);
        Assert.Equal("CITES Permits not required", waiver.Name);
        Assert.DoesNotContain(DeclarationValidator.Validate(d), e => e.Path.StartsWith("agent", StringComparison.Ordinal) || e.Path.Contains("documents", StringComparison.Ordinal));
    }

    [Fact]
    public void ExportCountryGivenOnlyOnTheItems_IsTheDeclarations()
    {
        // HMRC's IMA sample declares the country of dispatch (DE 5/14) on the goods item, not on the shipment.
        var result = WcoDms.Read(File.ReadAllBytes(Sample("TT_IM036a", "TT_IM036a.xml")));
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        Assert.Equal("US", result.Declaration!.ExportCountry!.Value.Value);
    }

    [Fact]
    public void BadValuesInValidXml_AreWarningsWithLines_NamingTheValueCode()
    {
        var xml = File.ReadAllText(Sample("TT_EX004a", "TT_EX004a.xml"));
        var broken = xml.Replace("<ID>93019000</ID>", "<ID>99999900</ID>", StringComparison.Ordinal);
        Assert.NotEqual(xml, broken);
        var result = WcoDms.Read(broken);
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var warning = Assert.Single(result.Warnings, w => w.Path == "items[0].hsCode");
        Assert.Equal("hs_code.unknown", warning.Code);
        Assert.NotNull(warning.Line);
        Assert.Null(result.Declaration!.Items[0].HsCode);
        Assert.Contains(DeclarationValidator.Validate(result.Declaration), e => e.Path == "items[0].hsCode");
    }

    [Theory]
    [InlineData("TSP", "", "08081080")]
    [InlineData("TSP", "<Classification><ID>00</ID><IdentificationTypeCode>TRC</IdentificationTypeCode></Classification>", "0808108000")]
    [InlineData("GN", "<Classification><ID>4061</ID><IdentificationTypeCode>TRA</IdentificationTypeCode></Classification>", "08081080")]
    public void Classification_TaricOrCombinedNomenclature_GivesTheCommodityAndHsCode(string type, string extra, string commodityCode)
    {
        var tsp = "<Classification><ID>08081080</ID><IdentificationTypeCode>TSP</IdentificationTypeCode></Classification>";
        var xml = WcoDmsSamples.Export("UZ", "KZ");
        Assert.Contains(tsp, xml, StringComparison.Ordinal);
        var result = WcoDms.Read(xml.Replace(tsp, tsp.Replace("TSP", type, StringComparison.Ordinal) + extra, StringComparison.Ordinal));
        Assert.True(result.IsValid, string.Join("; ", result.Errors));
        var item = Assert.Single(result.Declaration!.Items);
        Assert.Equal(commodityCode, item.CommodityCode);
        Assert.Equal("080810", item.HsCode!.Value.Value);
        Assert.Empty(DeclarationValidator.Validate(result.Declaration));
    }

    [Fact]
    public void SchemaErrors_CarryLineNumbers_AndNothingIsMapped()
    {
        var xml = File.ReadAllText(Sample("TT_EX004a", "TT_EX004a.xml"))
            .Replace("<GoodsItemQuantity>2</GoodsItemQuantity>", "<GoodsItemQuantity>two</GoodsItemQuantity>", StringComparison.Ordinal);
        var result = WcoDms.Read(xml);
        Assert.Null(result.Declaration);
        var error = Assert.Single(result.Errors);
        Assert.Equal("xml.schema", error.Code);
        Assert.Contains("GoodsItemQuantity", error.Message, StringComparison.Ordinal);
        Assert.Equal(File.ReadAllLines(Sample("TT_EX004a", "TT_EX004a.xml")).ToList().FindIndex(l => l.Contains("<GoodsItemQuantity>", StringComparison.Ordinal)) + 1, error.Line);
    }

    [Fact]
    public void Dtd_AndNonXml_AreRefused()
    {
        var dtd = WcoDms.Read("""<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><Declaration xmlns="urn:wco:datamodel:WCO:DEC-DMS:2">&e;</Declaration>""");
        Assert.Equal("xml.syntax", Assert.Single(dtd.Errors).Code);
        Assert.Equal("xml.syntax", Assert.Single(WcoDms.Read("{ \"json\": true }").Errors).Code);
    }

    [Fact]
    public void ValidSamples_AreMostlyLodgeableData_ForTheMatrix()
    {
        // Not every sample is complete enough to lodge here (supplementary declarations omit items' origin, say), but
        // the mapping must keep what they carry: HS codes and item numbers on nearly every item.
        var items = Directory.EnumerateFiles(Corpus.Path("wco-dms-hmrc-cds", "public", "api", "conf", "3.0", "examples"), "*.xml", SearchOption.AllDirectories)
            .Select(f => WcoDms.Read(File.ReadAllBytes(f)))
            .Where(r => r.IsValid)
            .SelectMany(r => r.Declaration!.Items)
            .ToList();
        Assert.True(items.Count > 150);
        Assert.True(items.Count(i => i.HsCode is not null) > items.Count * 0.8, $"{items.Count(i => i.HsCode is not null)} of {items.Count} items have an HS code");
    }
}
