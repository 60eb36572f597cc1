using Caravan.Documents.Common;
using Caravan.Documents.Origin;

namespace Caravan.Tests.Documents.Origin;

/// <summary>Hand-written certificates of origin for tests.</summary>
internal static class CertificateSamples
{
    /// <summary>A complete, valid ATIGA certificate from Thailand to Viet Nam with two items.</summary>
    public static CertificateOfOrigin ThaiRiceAndCoffee() => new()
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
