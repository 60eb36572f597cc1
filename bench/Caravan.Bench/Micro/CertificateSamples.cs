using Caravan.Documents.Common;
using Caravan.Documents.Origin;

namespace Caravan.Bench.Micro;

/// <summary>
/// A realistic certificate of origin for benchmarks, built like the test suite's sample (tests are not referenced
/// from here): an ATIGA certificate from Thailand to Viet Nam with five items.
/// </summary>
internal static class CertificateSamples
{
    /// <summary>
    /// A complete, valid ATIGA certificate from Thailand to Viet Nam: the test suite's two items (rice and coffee)
    /// and three more (mango, tapioca starch, biscuits), about 4 KB of XML.
    /// </summary>
    public static CertificateOfOrigin ThaiFoodstuffs() => new()
    {
        CertificateNumber = "TH-2026-000123",
        Agreement = "ATIGA",
        IssuingCountry = CountryCode.Of("TH"),
        ImportingCountry = CountryCode.Of("VN"),
        IssueDate = new DateOnly(2026, 3, 12),
        IssuingAuthority = new IssuingAuthority { Name = "Department of Foreign Trade", Country = CountryCode.Of("TH") },
        Exporter = new Party
        {
            Name = "Siam Grain Export Co., Ltd.",
            AddressLines = ["99/1 Rama IV Road", "Khlong Toei"],
            City = "Bangkok",
            PostalCode = "10110",
            Country = CountryCode.Of("TH"),
            Identifier = new PartyIdentifier { Scheme = "TIN", Value = "0105551234567" },
        },
        Consignee = new Party
        {
            Name = "Saigon Food Trading JSC",
            AddressLines = ["12 Nguyen Hue"],
            City = "Ho Chi Minh City",
            Country = CountryCode.Of("VN"),
        },
        Producer = new Party { Name = "Chiang Mai Highland Coffee", Country = CountryCode.Of("TH") },
        Transport = new TransportDetails
        {
            DepartureDate = new DateOnly(2026, 3, 14),
            Mode = TransportMode.Maritime,
            MeansId = "MV SEA DRAGON V.026S",
            PortOfLoading = UnLocode.Of("THLCH"),
            PortOfDischarge = UnLocode.Of("VNSGN"),
        },
        Items =
        [
            new CertificateItem
            {
                ItemNumber = 1,
                MarksAndNumbers = "SGE/VN/01-400",
                Packages = new PackageInfo { Count = 400, KindCode = "BG" },
                Description = "Thai Hom Mali rice, milled, 25 kg bags",
                HsCode = HsCode.Of("100630"),
                OriginCriterion = new OriginCriterion { Kind = OriginCriterionKind.WhollyObtained },
                Quantity = Quantity.Create(10, "TNE").Value,
                GrossWeightKg = 10_080.5m,
                Invoice = new InvoiceReference { Number = "INV-26-0311", Date = new DateOnly(2026, 3, 11) },
                FobValue = Money.Create(9_850.00m, "USD").Value,
            },
            new CertificateItem
            {
                ItemNumber = 2,
                MarksAndNumbers = "SGE/VN/401-420",
                Packages = new PackageInfo { Count = 20, KindCode = "CT" },
                Description = "Roasted coffee beans, not decaffeinated",
                HsCode = HsCode.Of("090121"),
                OriginCriterion = new OriginCriterion { Kind = OriginCriterionKind.RegionalValueContent, RvcPercentage = 42.5m },
                Quantity = Quantity.Create(400, "KGM").Value,
                GrossWeightKg = 436m,
                Invoice = new InvoiceReference { Number = "INV-26-0311", Date = new DateOnly(2026, 3, 11) },
                FobValue = Money.Create(6_120.40m, "USD").Value,
            },
            new CertificateItem
            {
                ItemNumber = 3,
                MarksAndNumbers = "SGE/VN/421-520",
                Packages = new PackageInfo { Count = 100, KindCode = "CT" },
                Description = "Dried mango slices, unsweetened, 10 x 500 g retail packs per carton",
                HsCode = HsCode.Of("080450"),
                OriginCriterion = new OriginCriterion { Kind = OriginCriterionKind.WhollyObtained },
                Quantity = Quantity.Create(500, "KGM").Value,
                GrossWeightKg = 585.2m,
                Invoice = new InvoiceReference { Number = "INV-26-0311", Date = new DateOnly(2026, 3, 11) },
                FobValue = Money.Create(4_275.00m, "USD").Value,
            },
            new CertificateItem
            {
                ItemNumber = 4,
                MarksAndNumbers = "SGE/VN/521-560",
                Packages = new PackageInfo { Count = 40, KindCode = "BG" },
                Description = "Tapioca (manioc) starch, native, food grade, 50 kg bags",
                HsCode = HsCode.Of("110814"),
                OriginCriterion = new OriginCriterion { Kind = OriginCriterionKind.ChangeInTariffHeading },
                Quantity = Quantity.Create(2, "TNE").Value,
                GrossWeightKg = 2_016m,
                Invoice = new InvoiceReference { Number = "INV-26-0312", Date = new DateOnly(2026, 3, 11) },
                FobValue = Money.Create(1_090.00m, "USD").Value,
            },
            new CertificateItem
            {
                ItemNumber = 5,
                MarksAndNumbers = "SGE/VN/561-580",
                Packages = new PackageInfo { Count = 20, KindCode = "CT" },
                Description = "Sweet biscuits with coconut, 24 x 200 g packs per carton",
                HsCode = HsCode.Of("190531"),
                OriginCriterion = new OriginCriterion { Kind = OriginCriterionKind.RegionalValueContent, RvcPercentage = 47.25m },
                Quantity = Quantity.Create(96, "KGM").Value,
                GrossWeightKg = 112.4m,
                Invoice = new InvoiceReference { Number = "INV-26-0312", Date = new DateOnly(2026, 3, 11) },
                FobValue = Money.Create(612.80m, "USD").Value,
            },
        ],
        ExporterDeclaration = new ExporterDeclaration
        {
            Place = "Bangkok",
            Date = new DateOnly(2026, 3, 11),
            SignatoryName = "Somchai Jaidee",
        },
        Certification = new Certification
        {
            Place = "Bangkok",
            Date = new DateOnly(2026, 3, 12),
            OfficerName = "Malee Srisuk",
        },
        Remarks = "Shipment under ATIGA; \"self-certified\" exporter <none> & no third-country invoicing.",
    };
}
