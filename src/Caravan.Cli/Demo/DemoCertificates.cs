using Caravan.Documents.Common;
using Caravan.Documents.Origin;

namespace Caravan.Cli.Demo;

/// <summary>The demo's consignment: fresh apples from the Fergana valley (UZ) to Almaty (KZ), by road.</summary>
public static class DemoCertificates
{
    public static CertificateOfOrigin ApplesApplication(DateOnly today) => new()
    {
        Agreement = "CISFTA",
        Exporter = new Party
        {
            Name = "Fergana Valley Fruits LLC",
            AddressLines = ["14 Mustaqillik street"],
            City = "Fergana",
            PostalCode = "150100",
            Country = CountryCode.Of("UZ"),
            Identifier = new PartyIdentifier { Scheme = "TIN", Value = "305123456" },
        },
        Consignee = new Party
        {
            Name = "Almaty Fresh Market LLP",
            AddressLines = ["77 Raiymbek avenue"],
            City = "Almaty",
            Country = CountryCode.Of("KZ"),
            Identifier = new PartyIdentifier { Scheme = "BIN", Value = "180540012345" },
        },
        Producer = new Party { Name = "Quva Orchards Cooperative", Country = CountryCode.Of("UZ") },
        Transport = new TransportDetails
        {
            DepartureDate = today.AddDays(1),
            Mode = TransportMode.Road,
            MeansId = "Truck 01 A 123 BC / trailer 01 XA 456",
            PortOfLoading = UnLocode.Of("UZFEG"),
            PortOfDischarge = UnLocode.Of("KZALA"),
        },
        Items =
        [
            new CertificateItem
            {
                ItemNumber = 1,
                MarksAndNumbers = "FVF/KZ/001-1200",
                Packages = new PackageInfo { Count = 1200, KindCode = "CT" },
                Description = "Fresh apples, Golden Delicious, class I, in cartons of 16 kg",
                HsCode = HsCode.Of("080810"),
                OriginCriterion = new OriginCriterion { Kind = OriginCriterionKind.WhollyObtained },
                Quantity = Quantity.Create(19_200, "KGM").Value,
                GrossWeightKg = 20_400m,
                Invoice = new InvoiceReference { Number = "FVF-2026-0917", Date = today },
                FobValue = Money.Create(13_440.00m, "USD").Value,
            },
            new CertificateItem
            {
                ItemNumber = 2,
                MarksAndNumbers = "FVF/KZ/1201-1300",
                Packages = new PackageInfo { Count = 100, KindCode = "CT" },
                Description = "Dried apricots, in cartons of 10 kg",
                HsCode = HsCode.Of("081310"),
                OriginCriterion = new OriginCriterion { Kind = OriginCriterionKind.WhollyObtained },
                Quantity = Quantity.Create(1_000, "KGM").Value,
                GrossWeightKg = 1_080m,
                Invoice = new InvoiceReference { Number = "FVF-2026-0917", Date = today },
                FobValue = Money.Create(3_900.00m, "USD").Value,
            },
        ],
        ExporterDeclaration = new ExporterDeclaration { Place = "Fergana", Date = today, SignatoryName = "Dilshod Karimov" },
        Remarks = "Phytosanitary certificate travels separately.",
    };
}
