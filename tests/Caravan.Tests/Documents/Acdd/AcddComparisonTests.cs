using Caravan.Documents.Acdd;
using Caravan.Documents.Common;

namespace Caravan.Tests.Documents.Acdd;

public sealed class AcddComparisonTests
{
    internal static AdvanceCustomsDeclaration Apples() => new()
    {
        ExportCountry = CountryCode.Of("UZ"),
        ImportCountry = CountryCode.Of("KZ"),
        ExportDeclarationNumber = "UZ-EX-2026-000017",
        Exporter = new AcddParty { Id = "305123456", Name = "Fergana Valley Fruits LLC" },
        Consignee = new AcddParty { Name = "Almaty Fresh Market LLP", Address = ["77 Raiymbek avenue", "Almaty"] },
        Agent = new AcddParty { Id = "301999888", Name = "Silk Road Brokers" },
        DepartureDate = new DateOnly(2026, 9, 18),
        TransportMode = 3,
        PortOfDischarge = UnLocode.Of("KZALA"),
        Items =
        [
            new AcddItem { ItemNumber = 1, HsCode = HsCode.Of("080810"), Quantity = Quantity.Create(19_200m, "KGM").Value, OriginCountry = CountryCode.Of("UZ"), Value = Money.Create(13_440m, "USD").Value },
            new AcddItem { ItemNumber = 2, HsCode = HsCode.Of("081310"), Quantity = Quantity.Create(1_000m, "KGM").Value, OriginCountry = CountryCode.Of("UZ"), Value = Money.Create(3_900m, "USD").Value },
        ],
    };

    [Fact]
    public void Compare_SameData_WithDifferentPunctuationAndCase_HasNoMismatch()
    {
        var declared = Apples() with
        {
            Consignee = new AcddParty { Name = "ALMATY FRESH MARKET, LLP" },
            Items = [Apples().Items[0] with { Quantity = Quantity.Create(19_250m, "KGM").Value }, Apples().Items[1]],
        };
        Assert.Empty(AcddComparison.Compare(Apples(), declared));
    }

    [Fact]
    public void Compare_ReportsHsQuantityValueOriginAndParties_WithTheItemNumber()
    {
        var declared = Apples() with
        {
            Exporter = new AcddParty { Id = "305123456", Name = "Andijan Fruit Traders" },
            Items =
            [
                Apples().Items[0] with { Quantity = Quantity.Create(15_000m, "KGM").Value, Value = Money.Create(9_000m, "USD").Value },
                Apples().Items[1] with { HsCode = HsCode.Of("200899"), OriginCountry = CountryCode.Of("TJ") },
            ],
        };
        var found = AcddComparison.Compare(Apples(), declared);
        Assert.Contains(found, m => m.Field == "exporter.name" && m.Declared == "Andijan Fruit Traders");
        Assert.Contains(found, m => m is { Field: "items.quantity", ItemNumber: 1, Announced: "19200 KGM", Declared: "15000 KGM" });
        Assert.Contains(found, m => m.Field == "items.value" && m.ItemNumber == 1 && m.Explanation.Contains("undervaluation", StringComparison.Ordinal));
        Assert.Contains(found, m => m is { Field: "items.hsCode", ItemNumber: 2, Announced: "081310", Declared: "200899" } && m.Explanation.Contains("heading", StringComparison.Ordinal));
        Assert.Contains(found, m => m is { Field: "items.originCountry", ItemNumber: 2, Declared: "TJ" });
        Assert.DoesNotContain(found, m => m.Field == "consignee.name");
    }

    [Fact]
    public void Compare_ItemsOnOneSideOnly_AreReportedBothWays()
    {
        var declared = Apples() with
        {
            Items = [Apples().Items[0], new AcddItem { ItemNumber = 3, HsCode = HsCode.Of("080610"), Quantity = Quantity.Create(500m, "KGM").Value, OriginCountry = CountryCode.Of("UZ") }],
        };
        var found = AcddComparison.Compare(Apples(), declared);
        Assert.Contains(found, m => m.Field == "items" && m.ItemNumber == 2 && m.Declared is null);
        Assert.Contains(found, m => m.Field == "items" && m.ItemNumber == 3 && m.Announced is null);
    }

    [Fact]
    public void Validate_NamesEveryMissingElement()
    {
        var errors = AcddValidator.Validate(new AdvanceCustomsDeclaration { Items = [new AcddItem { ItemNumber = 1 }, new AcddItem { ItemNumber = 1 }] });
        var paths = errors.Select(e => e.Path).ToHashSet();
        foreach (var path in new[] { "exportCountry", "importCountry", "exportDeclarationNumber", "exporter", "consignee", "departureDate", "transportMode", "portOfDischarge", "items[0].hsCode", "items[0].quantity", "items[0].originCountry" })
        {
            Assert.Contains(path, paths);
        }
        Assert.Contains(errors, e => e.Path == "items[1].itemNumber" && e.Code == "item_number.duplicate");
        Assert.Empty(AcddValidator.Validate(Apples()));
    }

    [Fact]
    public void Json_RoundTrips_AndRejectsUnknownMembers()
    {
        var json = AcddJson.ToUtf8Bytes(Apples());
        var read = AcddJson.Read(json);
        Assert.True(read.IsValid);
        Assert.Equal(AcddJson.ToJson(Apples()), AcddJson.ToJson(read.Document!));
        var unknown = AcddJson.Read("{\"exportCountry\":\"UZ\",\"surprise\":1}"u8);
        Assert.Null(unknown.Document);
        Assert.Equal("json.invalid", Assert.Single(unknown.Errors).Code);
    }
}
