using Caravan.Documents.Common;
using Caravan.Documents.Origin;
using Caravan.Documents.Phyto;

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

    /// <summary>
    /// What the UZ plant-protection agency states about the apples when it approves the phytosanitary task: the
    /// consignment, the inspected goods, the additional declaration and the treatment. The node fills the rest at issue
    /// (number, issue time, issuer, signatory, countries).
    /// </summary>
    public static PhytosanitaryCertificate ApplesPhytoDraft(DateOnly today) => new()
    {
        Document = new PhytoExchangedDocument
        {
            Notes =
            [
                new PhytoNote
                {
                    Subject = PhytoNoteSubjects.AdditionalDeclaration,
                    Contents = [new("The fruit was grown in an area found free from Cydia pomonella by official survey.", "en")],
                },
            ],
        },
        Consignment = new PhytoConsignment
        {
            Consignor = new PhytoParty { Name = "Fergana Valley Fruits LLC", AddressLines = ["14 Mustaqillik street", "150100 Fergana, Uzbekistan"] },
            Consignee = new PhytoParty { Name = "Almaty Fresh Market LLP", AddressLines = ["77 Raiymbek avenue", "Almaty, Kazakhstan"] },
            UnloadingPort = new PhytoLocation { Id = UnLocode.Of("KZALA"), Name = "Almaty" },
            ExaminationPlace = "Fergana",
            MainCarriages = [new PhytoTransportMovement { Id = "01 A 123 BC", ModeCode = 3, MeansName = "Truck" }],
            Items =
            [
                new PhytoTradeLineItem
                {
                    SequenceNumber = 1,
                    Descriptions = [new("Fresh apples, Golden Delicious, class I", "en")],
                    CommonNames = [new("Apple", "en")],
                    ScientificNames = [new("Malus domestica")],
                    IntendedUses = [new("Consumption", "en")],
                    NetWeight = Quantity.Create(19_200m, "KGM").Value,
                    GrossWeight = Quantity.Create(20_400m, "KGM").Value,
                    Classifications = [new PhytoClassification { SystemName = PhytoCodes.SystemHs, ClassCode = "080810" }],
                    Packages = [new PhytoPackage { LevelCode = 1, TypeCode = "CT", Quantity = 1200 }],
                    Origins = [new PhytoOrigin { Country = CountryCode.Of("UZ"), RegionName = "Fergana region", RegionLevelCode = "1" }],
                    Treatments =
                    [
                        new PhytoTreatment
                        {
                            TypeCode = "ZZZ",
                            Start = PhytoDateTime.FromDate(today.AddDays(-2)),
                            End = PhytoDateTime.FromDate(today.AddDays(-1)),
                            Characteristics = [new PhytoTreatmentCharacteristic { Descriptions = [new(PhytoCodes.TreatmentTypeLevel1), new("COLD")] }],
                        },
                    ],
                },
            ],
        },
    };
}
