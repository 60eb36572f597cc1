using Caravan.Documents.Common;
using Caravan.Documents.Origin;

namespace Caravan.Bench.Micro;

/// <summary>
/// A realistic certificate of origin for benchmarks: the test suite's sample (compiled into this project from
/// tests/Caravan.Tests/Documents/Origin/CertificateSamples.cs) with three more items, about 4 KB of XML.
/// </summary>
internal static class CertificateSamples
{
    /// <summary>
    /// A complete, valid ATIGA certificate from Thailand to Viet Nam: the test suite's two items (rice and coffee)
    /// and three more (mango, tapioca starch, biscuits).
    /// </summary>
    public static CertificateOfOrigin ThaiFoodstuffs()
    {
        var sample = Caravan.Tests.Documents.Origin.CertificateSamples.ThaiRiceAndCoffee();
        return sample with
        {
            Items =
            [
                .. sample.Items,
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
        };
    }
}
