using Caravan.Documents.Common;
using Caravan.Documents.Phyto;

namespace Caravan.Tests.Documents.Phyto;

public sealed class PhytoValidatorTests
{
    private static PhytosanitaryCertificate Valid() => PhytoSamples.KenyaRoses();

    private static PhytosanitaryCertificate WithDocument(Func<PhytoExchangedDocument, PhytoExchangedDocument> change)
    {
        var c = Valid();
        return c with { Document = change(c.Document!) };
    }

    private static PhytosanitaryCertificate WithConsignment(Func<PhytoConsignment, PhytoConsignment> change)
    {
        var c = Valid();
        return c with { Consignment = change(c.Consignment!) };
    }

    private static PhytosanitaryCertificate WithItem(Func<PhytoTradeLineItem, PhytoTradeLineItem> change) =>
        WithConsignment(k => k with { Items = [change(k.Items[0]), .. k.Items.Skip(1)] });

    private static void AssertOnly(PhytosanitaryCertificate certificate, string path, string code)
    {
        var error = Assert.Single(PhytoValidator.Validate(certificate));
        Assert.Equal((path, code), (error.Path, error.Code));
    }

    [Fact]
    public void Validate_Sample_HasNoErrors() => Assert.Empty(PhytoValidator.Validate(Valid()));

    [Fact]
    public void Validate_MissingCertificateNumber_IsRequired() =>
        AssertOnly(WithDocument(d => d with { Id = null }), "document.id", PhytoErrorCodes.Required);

    [Fact]
    public void Validate_UnknownTypeCode_IsRejected() =>
        AssertOnly(WithDocument(d => d with { TypeCode = 852 }), "document.typeCode", PhytoErrorCodes.TypeCodeUnknown);

    [Fact]
    public void Validate_UnknownStatusCode_IsRejected() =>
        AssertOnly(WithDocument(d => d with { StatusCode = 9 }), "document.statusCode", PhytoErrorCodes.StatusCodeUnknown);

    [Fact]
    public void Validate_ImportEqualsExport_IsRejected() =>
        AssertOnly(WithConsignment(k => k with { ImportCountry = new PhytoCountry { Id = CountryCode.Of("KE") } }),
            "consignment.importCountry.id", PhytoErrorCodes.ImportIsExport);

    [Fact]
    public void Validate_NoItems_IsRejected() =>
        AssertOnly(WithConsignment(k => k with { Items = [] }), "consignment.items", PhytoErrorCodes.ItemsEmpty);

    [Fact]
    public void Validate_NonPositiveWeight_IsRejected() =>
        AssertOnly(WithItem(i => i with { NetWeight = Quantity.Create(0, "KGM").Value, GrossWeight = null }),
            "consignment.items[0].netWeight.value", PhytoErrorCodes.NumberNotPositive);

    [Fact]
    public void Validate_WeightInVolumeUnit_IsRejected() =>
        AssertOnly(WithItem(i => i with { NetWeight = Quantity.Create(5, "LTR").Value, GrossWeight = null }),
            "consignment.items[0].netWeight.unit", PhytoErrorCodes.WeightUnit);

    [Fact]
    public void Validate_GrossBelowNet_IsRejected() =>
        AssertOnly(WithItem(i => i with { GrossWeight = Quantity.Create(1, "KGM").Value }),
            "consignment.items[0].grossWeight", PhytoErrorCodes.GrossBelowNet);

    [Theory]
    [InlineData("0603", PhytoErrorCodes.HsCodeFormat)]
    [InlineData("06031A", PhytoErrorCodes.HsCodeFormat)]
    [InlineData("999999", PhytoErrorCodes.HsCodeUnknown)]
    [InlineData("06039999", PhytoErrorCodes.HsCodeUnknown)]
    public void Validate_BadHsCode_IsRejected(string code, string expected) =>
        AssertOnly(WithItem(i => i with { Classifications = [new PhytoClassification { SystemName = "HS", ClassCode = code }] }),
            "consignment.items[0].classifications[0].classCode", expected);

    [Fact]
    public void Validate_NationalTariffLineOnHs2022Subheading_IsAccepted() =>
        Assert.Empty(PhytoValidator.Validate(WithItem(i => i with { Classifications = [new PhytoClassification { SystemName = "HS", ClassCode = "0603110010" }] })));

    [Fact]
    public void Validate_TreatmentAfterIssue_IsRejected()
    {
        var certificate = WithItem(i => i with { Treatments = [i.Treatments[0] with { Start = null, End = PhytoDateTime.Of("2025-04-16") }] });

        AssertOnly(certificate, "consignment.items[0].treatments[0].end", PhytoErrorCodes.DateAfterIssue);
    }

    [Fact]
    public void Validate_TreatmentOnIssueDayInAnotherForm_IsAccepted() =>
        Assert.Empty(PhytoValidator.Validate(WithItem(i => i with { Treatments = [i.Treatments[0] with { End = PhytoDateTime.Of("2025-04-15T23:59:59Z") }] })));

    [Fact]
    public void Validate_MissingBotanicalName_IsRejected() =>
        AssertOnly(WithItem(i => i with { ScientificNames = [] }), "consignment.items[0].scientificNames", PhytoErrorCodes.BotanicalNameMissing);

    [Fact]
    public void Validate_ReplacementWithoutReplacedCertificate_IsRejected() =>
        AssertOnly(WithDocument(d => d with { StatusCode = PhytoCodes.StatusReplacement }),
            "document.referencedDocuments", PhytoErrorCodes.ReplacedCertificateMissing);

    [Fact]
    public void Validate_ReplacementNamingTheReplacedCertificate_IsAccepted() =>
        Assert.Empty(PhytoValidator.Validate(WithDocument(d => d with
        {
            StatusCode = PhytoCodes.StatusReplacement,
            ReferencedDocuments = [new PhytoReferencedDocument { TypeCode = "851", RelationshipTypeCode = "AAA", Id = "KE-KEPHIS-2025/0400" }],
        })));

    [Fact]
    public void Validate_ReExportWithoutOriginalCertificate_IsRejected() =>
        AssertOnly(WithDocument(d => d with { TypeCode = PhytoCodes.ReExportCertificate }),
            "document.referencedDocuments", PhytoErrorCodes.OriginalCertificateMissing);

    [Fact]
    public void Validate_DuplicateSequenceNumbers_AreRejected() =>
        AssertOnly(WithConsignment(k => k with { Items = [k.Items[0], k.Items[1] with { SequenceNumber = 1 }] }),
            "consignment.items[1].sequenceNumber", PhytoErrorCodes.SequenceDuplicate);

    [Fact]
    public void Validate_TwoContentsOnDocumentNote_AreRejected() =>
        AssertOnly(WithDocument(d => d with { Notes = [new PhytoNote { Subject = "ADEDL", Contents = [new("a"), new("b")] }] }),
            "document.notes[0].contents", PhytoErrorCodes.NoteContentCount);

    [Fact]
    public void Validate_EmptyCertificate_ReportsEveryProblem()
    {
        var errors = PhytoValidator.Validate(new PhytosanitaryCertificate());

        Assert.Equal(["document", "consignment"], errors.Select(e => e.Path));
    }

    [Fact]
    public void Validate_ManyProblems_AreAllReported()
    {
        var certificate = WithConsignment(k => k with
        {
            Consignor = null,
            ImportCountry = new PhytoCountry { Id = CountryCode.Of("KE") },
            Items = [k.Items[0] with { ScientificNames = [], NetWeight = Quantity.Create(-1, "KGM").Value }],
        }) with { Document = Valid().Document! with { TypeCode = 1 } };

        var codes = PhytoValidator.Validate(certificate).Select(e => e.Code).ToList();

        Assert.Contains(PhytoErrorCodes.TypeCodeUnknown, codes);
        Assert.Contains(PhytoErrorCodes.Required, codes);
        Assert.Contains(PhytoErrorCodes.ImportIsExport, codes);
        Assert.Contains(PhytoErrorCodes.BotanicalNameMissing, codes);
        Assert.Contains(PhytoErrorCodes.NumberNotPositive, codes);
    }
}
