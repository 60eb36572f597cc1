using Caravan.Documents.Common;
using Caravan.Documents.Origin;

namespace Caravan.Tests.Documents.Origin;

public sealed class CertificateOfOriginValidatorTests
{
    private static IReadOnlyList<DocumentError> Validate(CertificateOfOrigin certificate, CertificateOfOriginStage stage = CertificateOfOriginStage.Issued) =>
        CertificateOfOriginValidator.Validate(certificate, stage);

    private static CertificateOfOrigin Valid() => CertificateSamples.ThaiRiceAndCoffee();

    private static CertificateOfOrigin WithItem(CertificateOfOrigin c, int index, Func<CertificateItem, CertificateItem> change) =>
        c with { Items = c.Items.Select((item, i) => i == index ? change(item) : item).ToArray() };

    [Fact]
    public void Validate_CompleteSample_HasNoErrors()
    {
        Assert.Empty(Validate(Valid()));
    }

    [Fact]
    public void Validate_EmptyCertificate_ReportsEveryMissingFieldWithItsPath()
    {
        var errors = Validate(new CertificateOfOrigin());

        var required = errors.Where(e => e.Code == "required").Select(e => e.Path).ToHashSet();
        Assert.Superset(
            new HashSet<string>
            {
                "certificateNumber", "agreement", "issuingCountry", "importingCountry", "issueDate", "issuingAuthority",
                "exporter", "consignee", "transport", "exporterDeclaration", "certification",
            },
            required);
        Assert.Contains(errors, e => e is { Path: "items", Code: "items.empty" });
    }

    [Fact]
    public void Validate_ApplicationStage_DoesNotRequireCertification()
    {
        var application = Valid() with { Certification = null };

        Assert.Empty(Validate(application, CertificateOfOriginStage.Application));
        Assert.Contains(Validate(application), e => e is { Path: "certification", Code: "required" });
    }

    [Fact]
    public void Validate_RvcWithoutPercentage_ReportsRvcPercentageMissing()
    {
        var c = WithItem(Valid(), 1, i => i with { OriginCriterion = new OriginCriterion { Kind = OriginCriterionKind.RegionalValueContent } });

        var error = Assert.Single(Validate(c));
        Assert.Equal("items[1].originCriterion.rvcPercentage", error.Path);
        Assert.Equal("origin_criterion.rvc_percentage_missing", error.Code);
    }

    [Theory]
    [InlineData(-0.01)]
    [InlineData(100.01)]
    public void Validate_RvcOutOfRange_ReportsRange(double percentage)
    {
        var c = WithItem(Valid(), 1, i => i with { OriginCriterion = i.OriginCriterion! with { RvcPercentage = (decimal)percentage } });

        Assert.Equal("origin_criterion.rvc_percentage_range", Assert.Single(Validate(c)).Code);
    }

    [Fact]
    public void Validate_PercentageOnNonRvcCriterion_ReportsUnexpected()
    {
        var c = WithItem(Valid(), 0, i => i with { OriginCriterion = new OriginCriterion { Kind = OriginCriterionKind.WhollyObtained, RvcPercentage = 40 } });

        Assert.Equal("origin_criterion.rvc_percentage_unexpected", Assert.Single(Validate(c)).Code);
    }

    [Fact]
    public void Validate_DuplicateItemNumber_ReportsTheSecondItem()
    {
        var c = WithItem(Valid(), 1, i => i with { ItemNumber = 1 });

        var error = Assert.Single(Validate(c));
        Assert.Equal(("items[1].itemNumber", "item_number.duplicate"), (error.Path, error.Code));
    }

    [Fact]
    public void Validate_NonPositiveAmounts_AreReportedPerField()
    {
        var c = WithItem(Valid(), 0, i => i with
        {
            Quantity = Quantity.Create(0, "KGM").Value,
            GrossWeightKg = -1,
            FobValue = Money.Create(0, "USD").Value,
            Packages = new PackageInfo { Count = 0, KindCode = "bag" },
        });

        var errors = Validate(c).Select(e => (e.Path, e.Code)).ToList();

        Assert.Equal(
            [
                ("items[0].packages.count", "number.not_positive"),
                ("items[0].packages.kindCode", "packages.kind_format"),
                ("items[0].quantity.value", "number.not_positive"),
                ("items[0].grossWeightKg", "number.not_positive"),
                ("items[0].fobValue.amount", "number.not_positive"),
            ],
            errors);
    }

    [Fact]
    public void Validate_ExporterOutsideIssuingCountry_ReportsCountryMismatch()
    {
        var c = Valid() with { Exporter = Valid().Exporter! with { Country = CountryCode.Of("MY") } };

        var error = Assert.Single(Validate(c));
        Assert.Equal(("exporter.country", "country.exporter_not_issuing"), (error.Path, error.Code));
    }

    [Fact]
    public void Validate_CountryRules_AuthorityConsigneeAndImporting()
    {
        var c = Valid() with
        {
            IssuingAuthority = new IssuingAuthority { Name = "X", Country = CountryCode.Of("LA") },
            ImportingCountry = CountryCode.Of("TH"),
        };

        var codes = Validate(c).Select(e => (e.Path, e.Code)).ToList();

        Assert.Contains(("issuingAuthority.country", "country.authority_not_issuing"), codes);
        Assert.Contains(("consignee.country", "country.consignee_not_importing"), codes);
        Assert.Contains(("importingCountry", "country.importing_is_issuing"), codes);
    }

    [Fact]
    public void Validate_IssuedBeforeInvoice_ReportsDateOrderOnTheInvoice()
    {
        var c = WithItem(Valid(), 1, i => i with { Invoice = i.Invoice! with { Date = new DateOnly(2026, 3, 13) } });

        var error = Assert.Single(Validate(c));

        Assert.Equal(("items[1].invoice.date", "date.order"), (error.Path, error.Code));
    }

    [Fact]
    public void Validate_DepartureBeforeInvoice_ReportsDateOrderOnDeparture()
    {
        var c = Valid() with { Transport = Valid().Transport! with { DepartureDate = new DateOnly(2026, 3, 10) } };

        var error = Assert.Single(Validate(c));
        Assert.Equal(("transport.departureDate", "date.order"), (error.Path, error.Code));
    }

    [Fact]
    public void Validate_CertifiedBeforeDeclared_ReportsDateOrder()
    {
        var c = Valid() with { Certification = Valid().Certification! with { Date = new DateOnly(2026, 3, 10) } };

        Assert.Contains(Validate(c), e => e is { Path: "certification.date", Code: "date.order" });
    }

    [Fact]
    public void Validate_TextRules_LengthControlCharactersAndCodes()
    {
        var c = Valid() with
        {
            CertificateNumber = "TH 2026/1",
            Agreement = new string('A', 36),
            Remarks = "bell\u0007",
            Exporter = Valid().Exporter! with { Name = new string('n', 201), AddressLines = ["1", "2", "3", "4", "5", " "] },
        };

        var errors = Validate(c).Select(e => (e.Path, e.Code)).ToList();

        Assert.Contains(("certificateNumber", "code.format"), errors);
        Assert.Contains(("agreement", "text.too_long"), errors);
        Assert.Contains(("remarks", "text.invalid_characters"), errors);
        Assert.Contains(("exporter.name", "text.too_long"), errors);
        Assert.Contains(("exporter.addressLines", "address.too_many_lines"), errors);
        Assert.Contains(("exporter.addressLines[5]", "required"), errors);
    }

    [Fact]
    public void Validate_UnpairedSurrogate_IsInvalidText()
    {
        var c = Valid() with { Remarks = "a\uD800b" };

        Assert.Equal("text.invalid_characters", Assert.Single(Validate(c)).Code);
    }

    [Fact]
    public void Validate_ManyProblems_ReturnsEveryOneNotJustTheFirst()
    {
        var c = WithItem(Valid(), 0, i => i with { HsCode = null, Description = " ", Invoice = null }) with
        {
            CertificateNumber = null,
            Items = [.. WithItem(Valid(), 0, i => i with { HsCode = null, Description = " ", Invoice = null }).Items, new CertificateItem()],
        };

        var paths = Validate(c).Select(e => e.Path).ToList();

        Assert.Equal(
            [
                "certificateNumber", "items[0].description", "items[0].hsCode", "items[0].invoice",
                "items[2].itemNumber", "items[2].description", "items[2].hsCode", "items[2].originCriterion",
                "items[2].quantity", "items[2].invoice", "items[2].fobValue",
            ],
            paths);
    }
}
