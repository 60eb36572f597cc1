using System.Text.RegularExpressions;
using Caravan.Documents.Phyto;
using Caravan.Documents.Rendering;
using Caravan.Tests.Documents.Phyto;
using Caravan.Tests.Portal;

namespace Caravan.Tests.Documents.Rendering;

public sealed class PhytosanitaryCertificatePdfTests : IDisposable
{
    private static readonly Uri Link = new("http://127.0.0.1:5005/verify/KE/KE-KEPHIS-2025%2F0412?k=q1w2e3r4t5y6u7i8o9p0aa");
    private readonly string _folder = Directory.CreateTempSubdirectory("caravan-phyto-pdf-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string WritePdf(PhytosanitaryCertificate certificate)
    {
        var path = Path.Combine(_folder, "ephyto.pdf");
        File.WriteAllBytes(path, PhytosanitaryCertificatePdf.Render(certificate, Link));
        return path;
    }

    [Fact]
    public void Render_PrintsTheModelCertificatesBoxes()
    {
        var text = ExternalTool.Run("pdftotext", "poppler-utils", WritePdf(PhytoSamples.KenyaRoses()), "-");
        foreach (var expected in new[]
        {
            "PHYTOSANITARY CERTIFICATE", "KE-KEPHIS-2025/0412", "Naivasha Flowers Ltd", "Aalsmeer Import B.V.", "Rosa hybrida", "Coffea arabica",
            "Amsterdam Schiphol", "Thaumatotibia leucotreta", "Jane Wanjiru", "Nairobi", "Inspected according to appropriate official procedures", "Nakuru County",
        })
        {
            Assert.Contains(expected, text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Render_QrCode_DecodesToTheVerificationLink()
    {
        var path = WritePdf(PhytoSamples.KenyaRoses());
        ExternalTool.Run("pdftoppm", "poppler-utils", "-r", "200", "-png", "-f", "1", "-l", "1", path, Path.Combine(_folder, "page"));
        var decoded = ExternalTool.Run("zbarimg", "zbar-tools", "--quiet", "--raw", Directory.GetFiles(_folder, "page*.png").Single()).Trim();
        Assert.Equal(Link.ToString(), decoded);
    }

    [Fact]
    public void Render_ManyItems_ContinueOnFurtherPages()
    {
        var roses = PhytoSamples.KenyaRoses();
        var many = roses with
        {
            Consignment = roses.Consignment! with
            {
                Items = Enumerable.Range(1, 40).Select(n => roses.Consignment.Items[0] with { SequenceNumber = n }).ToList(),
            },
        };
        var path = WritePdf(many);

        var info = ExternalTool.Run("pdfinfo", "poppler-utils", path);
        var pages = ExternalTool.Run("pdftotext", "poppler-utils", path, "-").Split('\f', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Trim().Length > 0).ToList();

        Assert.Matches(@"Pages:\s+([3-9]|\d\d)", info);
        Assert.All(pages, p => Assert.Contains("No. KE-KEPHIS-2025/0412", p, StringComparison.Ordinal));
        Assert.Empty(PdfWords.Overlaps(path));
        Assert.Contains("Item 40", pages[^1], StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ReExportWithALongNumber_PrintsNoTextOverOtherText()
    {
        var roses = PhytoSamples.KenyaRoses();
        var certificate = roses with
        {
            Document = roses.Document! with { TypeCode = PhytoCodes.ReExportCertificate, Id = "KE-KEPHIS-PC-2025/000412-R2" },
        };

        var overlaps = PdfWords.Overlaps(WritePdf(certificate));

        Assert.True(overlaps.Count == 0, string.Join("\n", overlaps));
    }

    [Fact]
    public void Render_NonLatinNames_AreKeptAsWritten()
    {
        var roses = PhytoSamples.KenyaRoses();
        var certificate = roses with
        {
            Consignment = roses.Consignment! with
            {
                Consignor = roses.Consignment.Consignor! with { Name = "«Фарғона Мева» МЧЖ", AddressLines = ["Марғилон шаҳри, Ўзбекистон"] },
                Consignee = roses.Consignment.Consignee! with { Name = "ТОО Алматы Фреш" },
            },
        };

        var text = ExternalTool.Run("pdftotext", "poppler-utils", WritePdf(certificate), "-");

        Assert.Contains("«Фарғона Мева» МЧЖ", text, StringComparison.Ordinal);
        Assert.Contains("Марғилон шаҳри, Ўзбекистон", text, StringComparison.Ordinal);
        Assert.Contains("ТОО Алматы Фреш", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ProductionSample_PrintsLineBreaksAndIndentationInsideTextAsOneSpace()
    {
        // Norway's production sample carries pretty-printing (a line break and a run of spaces) inside its descriptions.
        var sample = PhytoXml.Analyze(PhytoSamples.MattilsynetSample(), PhytoReadMode.Lenient).Certificate!;
        Assert.Contains(sample.Consignment!.Items[0].Descriptions, d => d.Text.Contains("AND\n", StringComparison.Ordinal));

        var path = WritePdf(sample);
        var text = ExternalTool.Run("pdftotext", "poppler-utils", path, "-");
        var words = Regex.Replace(text, @"\s+", " ");
        Assert.Empty(PdfWords.Overlaps(path));

        Assert.Contains("CUT FLOWERS AND ORNAMENTAL FOLIAGE | Other live plants", words, StringComparison.Ordinal);
        Assert.Contains("Trees, shrubs and bushes; LIVE TREES", words, StringComparison.Ordinal);
        Assert.Contains("Quantity declared: net 10 KGM, gross 60 KGM", words, StringComparison.Ordinal);
    }
}
