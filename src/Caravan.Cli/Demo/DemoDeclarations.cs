using Caravan.Documents.Common;
using Caravan.Documents.Declarations;

namespace Caravan.Cli.Demo;

/// <summary>The demo's declarations: the apples leaving UZ, and the same goods declared on import in KZ.</summary>
public static class DemoDeclarations
{
    public static DeclarationParty Exporter => new()
    {
        Id = "305123456",
        Name = "Fergana Valley Fruits LLC",
        AddressLines = ["14 Mustaqillik street"],
        City = "Fergana",
        PostalCode = "150100",
        Country = CountryCode.Of("UZ"),
    };

    public static DeclarationParty Consignee => new()
    {
        Id = "180540012345",
        Name = "Almaty Fresh Market LLP",
        AddressLines = ["77 Raiymbek avenue"],
        City = "Almaty",
        Country = CountryCode.Of("KZ"),
    };

    /// <summary>The export declaration of fresh apples and dried apricots from UZ to KZ by road.</summary>
    public static CustomsDeclaration ApplesExport(DateOnly today, string reference = "FVF-EX-2026-0917") => new()
    {
        FunctionalReference = reference,
        TypeCode = "EX",
        AdditionalTypeCode = "A",
        FunctionCode = 9,
        Declarant = Exporter,
        Exporter = Exporter,
        Consignee = Consignee,
        Agent = new DeclarationParty { Id = "301999888", Name = "Silk Road Customs Brokers LLC", Country = CountryCode.Of("UZ") },
        ExportCountry = CountryCode.Of("UZ"),
        DestinationCountry = CountryCode.Of("KZ"),
        InvoiceAmount = Money.Create(17_340m, "USD").Value,
        Transport = new DeclarationTransport { ModeCode = 3, MeansId = "01 A 123 BC", Nationality = CountryCode.Of("UZ"), DepartureDate = today.AddDays(1) },
        LoadingLocation = UnLocode.Of("UZFEG"),
        DischargeLocation = UnLocode.Of("KZALA"),
        ExitOffice = "UZ-1703-YALLAMA",
        Documents = [new DeclarationDocument { Kind = "additional", TypeCode = "N935", Id = "FVF-2026-0917", Name = "commercial invoice" }],
        Items =
        [
            new DeclarationItem
            {
                SequenceNumber = 1,
                Description = "Fresh apples, Golden Delicious, class I, in cartons of 16 kg",
                HsCode = HsCode.Of("080810"),
                CommodityCode = "0808108001",
                Quantity = Quantity.Create(19_200m, "KGM").Value,
                GrossMassKg = 20_400m,
                NetMassKg = 19_200m,
                Value = Money.Create(13_440m, "USD").Value,
                OriginCountry = CountryCode.Of("UZ"),
                PackageCount = 1200,
                PackageTypeCode = "CT",
                Marks = "FVF/KZ/001-1200",
                ProcedureCode = "1000",
            },
            new DeclarationItem
            {
                SequenceNumber = 2,
                Description = "Dried apricots, in cartons of 10 kg",
                HsCode = HsCode.Of("081310"),
                Quantity = Quantity.Create(1_000m, "KGM").Value,
                GrossMassKg = 1_080m,
                NetMassKg = 1_000m,
                Value = Money.Create(3_900m, "USD").Value,
                OriginCountry = CountryCode.Of("UZ"),
                PackageCount = 100,
                PackageTypeCode = "CT",
                ProcedureCode = "1000",
            },
        ],
    };

    /// <summary>The import declaration of the same goods in KZ, referring to the UZ export declaration.</summary>
    public static CustomsDeclaration ApplesImport(DateOnly today, string exportReference = "FVF-EX-2026-0917") =>
        ApplesExport(today, "AFM-IM-2026-0311") with
        {
            TypeCode = "IM",
            Declarant = Consignee,
            Importer = Consignee,
            Agent = null,
            ExitOffice = null,
            EntryOffice = "KZ-55207-ZHIBEK-ZHOLY",
            Documents = [new DeclarationDocument { Kind = "previous", TypeCode = "ZEXP", Id = exportReference, Name = "export declaration in UZ" }],
        };
}
