using Caravan.Documents.Common;
using Caravan.Documents.Phyto;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Documents.Phyto;

/// <summary>Certificates used across the ePhyto tests.</summary>
internal static class PhytoSamples
{
    public static string MattilsynetSamplePath =>
        Corpus.Path("ephyto-mattilsynet", "src", "test", "resources", "SPSCertificateContent.xml");

    public static byte[] MattilsynetSample() => File.ReadAllBytes(MattilsynetSamplePath);

    /// <summary>A complete, valid export certificate: Kenyan roses and coffee seed to the Netherlands.</summary>
    public static PhytosanitaryCertificate KenyaRoses() => new()
    {
        Document = new PhytoExchangedDocument
        {
            Name = "Phytosanitary Certificate",
            Id = "KE-KEPHIS-2025/0412",
            TypeCode = PhytoCodes.PhytosanitaryCertificate,
            StatusCode = PhytoCodes.StatusIssued,
            IssueDateTime = PhytoDateTime.Of("2025-04-15T10:30:00+03:00"),
            IssuerName = "Kenya Plant Health Inspectorate Service",
            Notes =
            [
                new PhytoNote { Subject = PhytoNoteSubjects.AdditionalDeclaration, Contents = [new("The consignment was inspected and found free of Thaumatotibia leucotreta.", "en")] },
                new PhytoNote { Subject = PhytoNoteSubjects.DistinguishingMarks, Contents = [new("KE-ROSE-77")] },
            ],
            Signatory = new PhytoSignatory
            {
                ActualDateTime = PhytoDateTime.Of("2025-04-15T10:00:00+03:00"),
                PlaceName = "Nairobi",
                ProviderName = "KEPHIS",
                OfficerName = "Jane Wanjiru",
                Clauses = [new PhytoClause(1, "Inspected according to appropriate official procedures.")],
            },
        },
        Consignment = new PhytoConsignment
        {
            Consignor = new PhytoParty
            {
                Name = "Naivasha Flowers Ltd",
                Identifiers = [new PhytoPartyIdentifier("P051234567X", "NationalRegistrationNumber")],
                AddressLines = ["Moi South Lake Road", "Naivasha, Kenya"],
            },
            Consignee = new PhytoParty { Name = "Aalsmeer Import B.V.", AddressLines = ["Legmeerdijk 313", "1431 GB Aalsmeer, Netherlands"] },
            ExportCountry = new PhytoCountry { Id = CountryCode.Of("KE"), Name = "Kenya" },
            ImportCountry = new PhytoCountry { Id = CountryCode.Of("NL"), Name = "Netherlands" },
            UnloadingPort = new PhytoLocation { Id = UnLocode.Of("NLAMS"), Name = "Amsterdam Schiphol" },
            ExaminationPlace = "JKIA Nairobi",
            MainCarriages = [new PhytoTransportMovement { Id = "KQ0116", ModeCode = 4, MeansName = "Kenya Airways" }],
            Equipment = new PhytoTransportEquipment { Id = "AKE12345KQ", SealNumber = "S-998877" },
            Items =
            [
                new PhytoTradeLineItem
                {
                    SequenceNumber = 1,
                    Descriptions = [new("Cut roses, fresh", "en")],
                    CommonNames = [new("Rose", "en")],
                    ScientificNames = [new("Rosa hybrida")],
                    IntendedUses = [new("Consumption", "en")],
                    NetWeight = Quantity.Create(1200.5m, "KGM").Value,
                    GrossWeight = Quantity.Create(1350m, "KGM").Value,
                    Notes = [new PhytoNote { Subject = PhytoNoteSubjects.ItemDistinguishingMarks, Contents = [new("NF/2025/04")] }],
                    Classifications =
                    [
                        new PhytoClassification { SystemName = PhytoCodes.SystemHs, ClassCode = "060311" },
                        new PhytoClassification { SystemName = PhytoCodes.SystemEppo, ClassCode = "ROSHY" },
                        new PhytoClassification { SystemName = PhytoCodes.SystemIppcCommodityClass, ClassNames = [new("Cut flowers and branches", "en")] },
                    ],
                    Packages = [new PhytoPackage { LevelCode = 1, TypeCode = "CT", Quantity = 240 }],
                    Origins = [new PhytoOrigin { Country = CountryCode.Of("KE"), RegionName = "Nakuru County", RegionLevelCode = "1" }],
                    Treatments =
                    [
                        new PhytoTreatment
                        {
                            TypeCode = "ZZZ",
                            Start = PhytoDateTime.Of("2025-04-14"),
                            End = PhytoDateTime.Of("2025-04-14"),
                            Duration = new PhytoMeasure(2.0m, "HUR"),
                            Characteristics =
                            [
                                new PhytoTreatmentCharacteristic { Descriptions = [new(PhytoCodes.TreatmentTypeLevel1), new("CHT")] },
                                new PhytoTreatmentCharacteristic { Descriptions = [new(PhytoCodes.TreatmentChemical), new("238")] },
                                new PhytoTreatmentCharacteristic { Descriptions = [new(PhytoCodes.TreatmentTemperature)], Value = new PhytoMeasure(21.5m, "CEL") },
                            ],
                        },
                    ],
                },
                new PhytoTradeLineItem
                {
                    SequenceNumber = 2,
                    Descriptions = [new("Coffee seed for sowing", "en")],
                    ScientificNames = [new("Coffea arabica")],
                    NetWeight = Quantity.Create(25m, "KGM").Value,
                    Classifications = [new PhytoClassification { SystemName = PhytoCodes.SystemHs, ClassCode = "09011100" }],
                    Packages = [new PhytoPackage { LevelCode = 1, TypeCode = "BG", Quantity = 5 }],
                    Origins = [new PhytoOrigin { Country = CountryCode.Of("KE") }],
                },
            ],
        },
    };
}
