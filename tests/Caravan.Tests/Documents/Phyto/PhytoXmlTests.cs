using System.Text;
using Caravan.Documents.Common;
using Caravan.Documents.Phyto;
using Xunit.Abstractions;

namespace Caravan.Tests.Documents.Phyto;

public sealed class PhytoXmlTests(ITestOutputHelper output)
{
    [Fact]
    public void Write_ValidCertificate_PassesHubSchemasWithZeroErrors()
    {
        var xml = PhytoXml.ToUtf8Bytes(PhytoSamples.KenyaRoses());

        var errors = PhytoXml.ValidateSchema(xml);

        Assert.Empty(errors);
    }

    [Fact]
    public void Read_WrittenCertificate_GivesTheSameModelAndNoErrors()
    {
        var certificate = PhytoSamples.KenyaRoses();

        var result = PhytoXml.Read(PhytoXml.ToUtf8Bytes(certificate));

        Assert.Empty(result.Errors);
        Assert.Equal(certificate, result.Document);
    }

    [Fact]
    public void ValidateSchema_MattilsynetSample_GivesExactlyTheThreeDocumentedErrors()
    {
        var errors = PhytoXml.ValidateSchema(PhytoSamples.MattilsynetSample());

        foreach (var error in errors)
        {
            output.WriteLine(error.ToString());
        }
        Assert.Collection(
            errors,
            e => Assert.Equal(("SPSExchangedDocument.SignatorySPSAuthentication.IssueSPSLocation.ID", 69), (e.Path, e.Line!.Value)),
            e => Assert.Equal(("SPSExchangedDocument.ReferenceSPSReferencedDocument", 84), (e.Path, e.Line!.Value)),
            e => Assert.Equal(("SPSConsignment.ConsignorSPSParty", 131), (e.Path, e.Line!.Value)));
        Assert.All(errors, e => Assert.Equal(PhytoErrorCodes.XmlSchema, e.Code));
    }

    [Fact]
    public void Read_MattilsynetSampleStrict_RefusesWithTheSchemaErrors()
    {
        var result = PhytoXml.Read(PhytoSamples.MattilsynetSample());

        Assert.Null(result.Document);
        Assert.Equal(3, result.Errors.Count);
        Assert.All(result.Errors, e => Assert.NotNull(e.Line));
    }

    [Fact]
    public void Analyze_MattilsynetSampleLenient_MapsEveryModelledField()
    {
        var result = PhytoXml.Analyze(PhytoSamples.MattilsynetSample(), PhytoReadMode.Lenient);

        foreach (var warning in result.Warnings)
        {
            output.WriteLine("warning " + warning);
        }
        foreach (var error in result.Errors)
        {
            output.WriteLine("error " + error);
        }
        var c = result.Certificate;
        Assert.NotNull(c);
        Assert.Equal(3, result.Warnings.Count(w => w.Code == PhytoErrorCodes.XmlSchema));
        var d = c.Document!;
        Assert.Equal("123ABC", d.Id);
        Assert.Equal(PhytoCodes.PhytosanitaryCertificate, d.TypeCode);
        Assert.Equal(PhytoCodes.StatusIssued, d.StatusCode);
        Assert.Equal(PhytoDateTime.Of("2016-04-22T13:53:08-03:00"), d.IssueDateTime);
        Assert.Equal(TimeSpan.FromHours(-3), d.IssueDateTime!.Value.Offset);
        Assert.Equal("Servicio Nacional de Sanidad y Calida Agroalimentaria", d.IssuerName);
        Assert.Equal(12, d.Notes.Count);
        Assert.Equal(["SPSFL", "ADEDL", "ADEDL", "ADIPEDL", "ADDIEDL", "ADAOEDL", "ADAOEDL", "ADRP", "ADRPN", "ADRPR", "ADRD", "DMCL"], d.Notes.Select(n => n.Subject));
        Assert.Equal(new LocalizedText("The shipment was inspected and found free of Trogoderma variable.", "nn"), d.Notes[2].Contents.Single());
        Assert.Equal(6, c.AdditionalDeclarations.Count());
        Assert.Equal("La Plata, Buenos Aires", d.Signatory!.PlaceName);
        Assert.Equal("Miguel Perrerra", d.Signatory.OfficerName);
        Assert.Null(d.Signatory.ActualDateTime);
        Assert.Equal([new PhytoClause(1)], d.Signatory.Clauses);
        Assert.Equal(6, d.ReferencedDocuments.Count);
        Assert.Equal("TestPdf.pdf", d.ReferencedDocuments[0].Attachment!.FileName);
        Assert.StartsWith("JVBERi0xLjMK", d.ReferencedDocuments[0].Attachment!.ContentBase64, StringComparison.Ordinal);
        Assert.Equal(PhytoDateTime.Of("2023-10-04T07:49:49+02:00"), d.ReferencedDocuments[1].IssueDateTime);
        Assert.Equal("AWR", d.ReferencedDocuments[1].RelationshipTypeCode);

        var k = c.Consignment!;
        Assert.Equal("Juan Perez", k.Consignor!.Name);
        Assert.Equal([new PhytoPartyIdentifier("98543210", "NationalRegistrationNumber")], k.Consignor.Identifiers);
        Assert.Equal(["El trébol 853", "Brandsen, Buenos Aires, Argentina"], k.Consignor.AddressLines);
        Assert.Equal("Importer SA", k.Consignee!.Name);
        Assert.Equal(CountryCode.Of("AR"), k.ExportCountry!.Id);
        Assert.Equal(CountryCode.Of("EC"), k.ImportCountry!.Id);
        Assert.Equal([CountryCode.Of("US")], k.TransitCountries.Select(t => t.Id!.Value));
        Assert.Equal(UnLocode.Of("USSEA"), k.UnloadingPort!.Id);
        Assert.Equal("Guayaquil (Seattle)", k.UnloadingPort.Name);
        Assert.Equal([3, 1], k.MainCarriages.Select(m => m.ModeCode!.Value));
        Assert.Equal("Ocean Vessel: Black Pearl", k.MainCarriages[1].MeansName);
        Assert.Equal("Voyage N° 18", k.MainCarriages[1].Id);
        Assert.Equal("G2382564", k.Equipment!.SealNumber);
        Assert.Equal(2, k.Items.Count);

        var item = k.Items[0];
        Assert.Equal(0, item.SequenceNumber);
        Assert.Equal(2, item.Descriptions.Count);
        Assert.Equal("Ribes", item.ScientificNames.Single().Text);
        Assert.Equal(new LocalizedText("Planting", "en"), item.IntendedUses.Single());
        Assert.Equal(Quantity.Create(10, "KGM").Value, item.NetWeight);
        Assert.Equal(Quantity.Create(60, "KGM").Value, item.GrossWeight);
        Assert.Equal(Quantity.Create(5, "MTQ").Value, item.NetVolume);
        Assert.Equal(Quantity.Create(50, "MTQ").Value, item.GrossVolume);
        Assert.Equal("06029048", item.Classifications[0].ClassCode);
        Assert.Equal(["HS", "IPPCPCVP", "IPPCPCC", "IPPCPCC"], item.Classifications.Select(x => x.SystemName));
        Assert.Equal(18, item.Notes.Count);
        Assert.Equal([(1, "BG", 100.0000m), (2, "BX", 20.0000m)], item.Packages.Select(p => (p.LevelCode!.Value, p.TypeCode!, p.Quantity!.Value)));
        Assert.Equal("Valles de la RegiónPatagónica", item.Origins[0].RegionName);
        Assert.Equal(CountryCode.Of("US"), item.Origins[1].Country);
        var treatment = item.Treatments.Single();
        Assert.Equal("CHT", treatment.ValueOf(PhytoCodes.TreatmentTypeLevel1));
        Assert.Equal(new PhytoMeasure(32.0000m, "CEL"), treatment.MeasureOf(PhytoCodes.TreatmentTemperature));
        Assert.Equal(new PhytoMeasure(3.0000m, "HUR"), treatment.Duration);
        Assert.Equal(PhytoDateTime.Of("2016-04-12"), treatment.Start);
        Assert.Equal(8, treatment.Characteristics.Count);

        // The only skipped content is the treatment's own note (the hub schema has no place for it).
        Assert.Single(result.Warnings, w => w.Code == PhytoErrorCodes.XmlIgnored);
    }

    [Fact]
    public void Write_MattilsynetSampleModel_IsHubValidAndReadsBackEqual()
    {
        var sample = PhytoXml.Analyze(PhytoSamples.MattilsynetSample(), PhytoReadMode.Lenient).Certificate!;

        var xml = PhytoXml.ToUtf8Bytes(sample);
        var again = PhytoXml.Analyze(xml, PhytoReadMode.Strict);

        Assert.Empty(PhytoXml.ValidateSchema(xml));
        Assert.Empty(again.Warnings);
        Assert.Equal(sample, again.Certificate);
    }

    [Fact]
    public void Read_BadCountryAndUnit_ReportsModelPathsWithLines()
    {
        var xml = Encoding.UTF8.GetString(PhytoXml.ToUtf8Bytes(PhytoSamples.KenyaRoses()))
            .Replace("<ram:ID>NL</ram:ID>", "\n<ram:ID>XX</ram:ID>", StringComparison.Ordinal)
            .Replace("unitCode=\"KGM\">25<", "unitCode=\"FOO\">25<", StringComparison.Ordinal);

        var result = PhytoXml.Read(xml);

        Assert.Contains(result.Errors, e => e is { Path: "consignment.importCountry.id", Code: "country_code.unknown", Line: 2 });
        Assert.Contains(result.Errors, e => e is { Path: "consignment.items[1].netWeight.unit", Code: "unit_code.unknown" } && e.Line is not null);
        Assert.DoesNotContain(result.Errors, e => e is { Code: PhytoErrorCodes.Required, Path: "consignment.importCountry.id" });
    }

    [Fact]
    public void Read_MalformedXml_ReportsSyntaxWithLine()
    {
        var result = PhytoXml.Read("<?xml version=\"1.0\"?>\n<rsm:SPSCertificate xmlns:rsm=\"" + PhytoXml.RsmNamespace + "\">\n<oops></rsm:SPSCertificate>");

        var error = Assert.Single(result.Errors);
        Assert.Null(result.Document);
        Assert.Equal(PhytoErrorCodes.XmlSyntax, error.Code);
        Assert.Equal(3, error.Line);
    }

    [Fact]
    public void Read_Dtd_IsRefused()
    {
        var result = PhytoXml.Read("<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e \"boom\">]><rsm:SPSCertificate xmlns:rsm=\"" + PhytoXml.RsmNamespace + "\"/>");

        Assert.Null(result.Document);
        Assert.Equal(PhytoErrorCodes.XmlSyntax, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Read_ElementsOutOfHubOrder_StrictErrorsButLenientWarns()
    {
        // Swap ImportSPSCountry before ExportSPSCountry.
        var xml = Encoding.UTF8.GetString(PhytoXml.ToUtf8Bytes(PhytoSamples.KenyaRoses()));
        var export = xml[xml.IndexOf("<ram:ExportSPSCountry>", StringComparison.Ordinal)..(xml.IndexOf("</ram:ExportSPSCountry>", StringComparison.Ordinal) + 23)];
        var swapped = xml.Replace(export, string.Empty, StringComparison.Ordinal)
            .Replace("</ram:ImportSPSCountry>", "</ram:ImportSPSCountry>" + export, StringComparison.Ordinal);

        var strict = PhytoXml.Analyze(swapped, PhytoReadMode.Strict);
        var lenient = PhytoXml.Analyze(swapped, PhytoReadMode.Lenient);

        Assert.Null(strict.Certificate);
        Assert.Contains(strict.Errors, e => e.Code == PhytoErrorCodes.XmlSchema && e.Path == "SPSConsignment.ExportSPSCountry");
        Assert.True(lenient.IsValid);
        Assert.Contains(lenient.Warnings, e => e.Code == PhytoErrorCodes.XmlSchema);
        Assert.Equal(PhytoSamples.KenyaRoses(), lenient.Certificate);
    }

    [Fact]
    public async Task ReadAsync_Stream_ReadsTheCertificate()
    {
        using var stream = new MemoryStream(PhytoXml.ToUtf8Bytes(PhytoSamples.KenyaRoses()));

        var result = await PhytoXml.ReadAsync(stream, PhytoReadMode.Strict, CancellationToken.None);

        Assert.True(result.IsValid);
    }

    [Fact]
    public void Read_XmlDocumentAndSyncStream_ReadTheCertificate()
    {
        var certificate = PhytoSamples.KenyaRoses();
        using var stream = new MemoryStream(PhytoXml.ToUtf8Bytes(certificate));

        var fromDom = PhytoXml.Read(PhytoXml.ToXmlDocument(certificate));
        var fromStream = PhytoXml.Read(stream);

        Assert.True(fromDom.IsValid, string.Join("; ", fromDom.Errors));
        Assert.Equal(certificate, fromDom.Document);
        Assert.Equal(certificate, fromStream.Document);
    }
}
