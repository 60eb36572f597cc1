using Caravan.Cli.Demo;
using Caravan.Documents.Common;
using Caravan.Documents.Declarations;
using static Caravan.Documents.Declarations.DeclarationErrorCodes;

namespace Caravan.Tests.Documents.Declarations;

/// <summary>The lodgement rules: every broken rule is reported at once, each with its JSON path and code.</summary>
public sealed class DeclarationValidatorTests
{
    private static CustomsDeclaration Export() => DemoDeclarations.ApplesExport(new DateOnly(2026, 9, 17));

    private static CustomsDeclaration Import() => DemoDeclarations.ApplesExport(new DateOnly(2026, 9, 17)) with
    {
        TypeCode = "IM",
        Importer = new DeclarationParty { Id = "KZ123456789012", Name = "Almaty Fresh Market LLP", Country = CountryCode.Of("KZ") },
        Consignee = null,
        Exporter = null,
        Transport = null,
    };

    private static IReadOnlyList<(string Path, string Code)> Errors(CustomsDeclaration declaration) =>
        DeclarationValidator.Validate(declaration).Select(e => (e.Path, e.Code)).ToList();

    private static CustomsDeclaration WithItem(CustomsDeclaration d, int index, Func<DeclarationItem, DeclarationItem> change) =>
        d with { Items = d.Items.Select((item, i) => i == index ? change(item) : item).ToList() };

    [Fact]
    public void CompleteExportAndImport_HaveNoErrors()
    {
        Assert.Empty(DeclarationValidator.Validate(Export()));
        Assert.Empty(DeclarationValidator.Validate(Import()));
    }

    [Fact]
    public void EmptyDeclaration_ReportsEveryMissingHeaderField()
    {
        var errors = Errors(new CustomsDeclaration());
        Assert.Contains(("functionalReference", Required), errors);
        Assert.Contains(("typeCode", Required), errors);
        Assert.Contains(("exportCountry", Required), errors);
        Assert.Contains(("destinationCountry", Required), errors);
        Assert.Contains(("items", Required), errors);
    }

    [Fact]
    public void Export_NeedsExporterConsigneeAndTransportMode()
    {
        var errors = Errors(Export() with { Exporter = null, Consignee = null, Transport = null });
        Assert.Equal([("exporter", Required), ("consignee", Required), ("transport.modeCode", Required)], errors);
    }

    [Fact]
    public void Import_NeedsImporterOrConsignee()
    {
        Assert.Equal([("importer", Required)], Errors(Import() with { Importer = null }));
        Assert.Empty(Errors(Import() with { Importer = null, Consignee = new DeclarationParty { Name = "Almaty Fresh Market LLP" } }));
        // Goods returned to their own country: dispatched from the destination, which only an import may be.
        Assert.Empty(Errors(Import() with { ExportCountry = CountryCode.Of("KZ"), DestinationCountry = CountryCode.Of("KZ") }));
    }

    [Fact]
    public void UnsupportedTypeAndSameCountries_AreRefused()
    {
        Assert.Contains(("typeCode", TypeCodeUnsupported), Errors(Export() with { TypeCode = "CO" }));
        Assert.Contains(("destinationCountry", CountriesSame), Errors(Export() with { DestinationCountry = CountryCode.Of("UZ") }));
        Assert.Contains(("transport.modeCode", TransportModeUnknown), Errors(Export() with { Transport = new DeclarationTransport { ModeCode = 12 } }));
    }

    [Fact]
    public void PartyWithoutNameOrId_AndOverlongFields_AreNamed()
    {
        var errors = Errors(Export() with
        {
            FunctionalReference = new string('R', 36),
            Agent = new DeclarationParty { Country = CountryCode.Of("UZ") },
            Declarant = new DeclarationParty { Id = new string('9', 36) },
        });
        Assert.Contains(("functionalReference", TooLong), errors);
        Assert.Contains(("agent.name", Required), errors);
        Assert.Contains(("declarant.id", TooLong), errors);
    }

    [Fact]
    public void ItemNumbers_MustBePositiveAndUnique()
    {
        var d = Export();
        var errors = Errors(d with { Items = [d.Items[0] with { SequenceNumber = 1 }, d.Items[1] with { SequenceNumber = 1 }, d.Items[0] with { SequenceNumber = 0 }] });
        Assert.Equal([("items[1].sequenceNumber", SequenceNumberDuplicate), ("items[2].sequenceNumber", Required)], errors);
    }

    [Fact]
    public void ItemFields_AreCheckedOnEveryItem_WithTheItemsIndex()
    {
        var d = WithItem(Export(), 1, item => item with
        {
            Description = null,
            HsCode = null,
            Quantity = null,
            Value = null,
            OriginCountry = null,
            PackageCount = -1,
        });
        Assert.Equal(
            [("items[1].description", Required), ("items[1].hsCode", Required), ("items[1].quantity", Required), ("items[1].value", Required), ("items[1].originCountry", Required), ("items[1].packageCount", PackagesNegative)],
            Errors(d));
    }

    [Fact]
    public void CommodityCode_MustBeDigitsExtendingTheHsCode()
    {
        Assert.Contains(("items[0].commodityCode", CommodityCodeMismatch), Errors(WithItem(Export(), 0, i => i with { HsCode = HsCode.Of("080810"), CommodityCode = "0813100000" })));
        Assert.Contains(("items[0].commodityCode", CommodityCodeFormat), Errors(WithItem(Export(), 0, i => i with { CommodityCode = "0808-10" })));
        Assert.Empty(Errors(WithItem(Export(), 0, i => i with { HsCode = HsCode.Of("080810"), CommodityCode = "0808108000" })));
    }

    [Fact]
    public void Masses_QuantityAndValue_MustBeSensible()
    {
        var errors = Errors(WithItem(Export(), 0, i => i with
        {
            GrossMassKg = 10m,
            NetMassKg = 12m,
            Quantity = Quantity.Create(0m, "KGM").Value,
            Value = Money.Create(-1m, "USD").Value,
        }));
        Assert.Contains(("items[0].netMassKg", MassNetAboveGross), errors);
        Assert.Contains(("items[0].quantity", QuantityNotPositive), errors);
        Assert.Contains(("items[0].value", ValueNegative), errors);
        Assert.Contains(("items[0].grossMassKg", MassNegative), Errors(WithItem(Export(), 0, i => i with { GrossMassKg = -1m })));
    }

    [Fact]
    public void Documents_NeedKindTypeAndNumberOrName()
    {
        var d = WithItem(Export(), 0, i => i with
        {
            Documents =
            [
                new DeclarationDocument { Kind = "additional", TypeCode = "N853", Id = "UZ-PQ-2026-0917" },
                new DeclarationDocument { Kind = "additional", TypeCode = "Y900", Name = "CITES permit not required" },
                new DeclarationDocument { Kind = "licence", TypeCode = "C512" },
            ],
        });
        Assert.Equal([("items[0].documents[2].kind", DocumentKindUnknown), ("items[0].documents[2].id", Required)], Errors(d));
        Assert.Contains(("documents[0].typeCode", Required), Errors(Export() with { Documents = [new DeclarationDocument { Kind = "previous", Id = "X" }] }));
    }

    [Fact]
    public void TooManyItems_IsOneError()
    {
        var d = Export();
        var items = Enumerable.Range(1, DeclarationValidator.MaxItems + 1).Select(n => d.Items[0] with { SequenceNumber = n }).ToList();
        Assert.Equal([("items", ItemsTooMany)], Errors(d with { Items = items }));
    }
}
