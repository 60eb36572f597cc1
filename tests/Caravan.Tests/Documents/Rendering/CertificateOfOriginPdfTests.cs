using Caravan.Cli.Demo;
using Caravan.Documents.Common;
using Caravan.Documents.Origin;
using Caravan.Documents.Rendering;
using Caravan.Tests.Portal;

namespace Caravan.Tests.Documents.Rendering;

public sealed class CertificateOfOriginPdfTests : IDisposable
{
    private static readonly Uri Link = new("http://127.0.0.1:5005/verify/UZ/UZ-CO-2026-000042?k=q1w2e3r4t5y6u7i8o9p0aa");
    private readonly string _folder = Directory.CreateTempSubdirectory("caravan-pdf-").FullName;

    private static CertificateOfOrigin Issued()
    {
        var today = new DateOnly(2026, 11, 20);
        return DemoCertificates.ApplesApplication(today) with
        {
            CertificateNumber = "UZ-CO-2026-000042",
            IssuingCountry = CountryCode.Of("UZ"),
            ImportingCountry = CountryCode.Of("KZ"),
            IssueDate = today,
            IssuingAuthority = new IssuingAuthority { Name = "Uzbekistan certificate of origin authority", Country = CountryCode.Of("UZ") },
            Certification = new Certification { Place = "Tashkent", Date = today, OfficerName = "Nodira Yusupova" },
        };
    }

    private string WritePdf(CertificateOfOrigin certificate)
    {
        var path = Path.Combine(_folder, "certificate.pdf");
        File.WriteAllBytes(path, CertificateOfOriginPdf.Render(certificate, Link));
        return path;
    }

    [Fact]
    public void Render_IssuedCertificate_ProducesPdfWithNumberAndKeyFields()
    {
        var path = WritePdf(Issued());

        Assert.StartsWith("%PDF-", File.ReadAllText(path)[..8], StringComparison.Ordinal);
        var text = ExternalTool.Run("pdftotext", "poppler-utils", "-layout", path, "-");
        Assert.Contains("CERTIFICATE OF ORIGIN", text, StringComparison.Ordinal);
        Assert.Contains("UZ-CO-2026-000042", text, StringComparison.Ordinal);
        Assert.Contains("Fergana Valley Fruits LLC", text, StringComparison.Ordinal);
        Assert.Contains("Almaty Fresh Market LLP", text, StringComparison.Ordinal);
        Assert.Contains("080810", text, StringComparison.Ordinal);
        Assert.Contains("081310", text, StringComparison.Ordinal);
        Assert.Contains("Uzbekistan certificate of origin authority", text, StringComparison.Ordinal);
        Assert.Contains("Nodira Yusupova", text, StringComparison.Ordinal);
        Assert.Contains("Dilshod Karimov", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_QrCode_DecodesToTheVerificationLink()
    {
        var path = WritePdf(Issued());
        ExternalTool.Run("pdftoppm", "poppler-utils", "-r", "200", "-png", "-f", "1", "-l", "1", path, Path.Combine(_folder, "page"));
        var image = Directory.GetFiles(_folder, "page*.png").Single();

        var decoded = ExternalTool.Run("zbarimg", "zbar-tools", "--quiet", "--raw", image).Trim();

        Assert.Equal(Link.ToString(), decoded);
    }

    [Fact]
    public void Render_NonLatinNames_AreKeptAsWritten()
    {
        var certificate = Issued() with { Consignee = Issued().Consignee! with { Name = "ТОО Алматы Фреш" } };

        var text = ExternalTool.Run("pdftotext", "poppler-utils", WritePdf(certificate), "-");

        Assert.Contains("ТОО Алматы Фреш", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ManyItems_ContinuesOnMorePagesWithTheNumberOnEach()
    {
        var first = Issued().Items[0];
        var certificate = Issued() with { Items = Enumerable.Range(1, 60).Select(i => first with { ItemNumber = i }).ToList() };

        var path = WritePdf(certificate);
        var text = ExternalTool.Run("pdftotext", "poppler-utils", path, "-");
        var pages = text.Split('\f', StringSplitOptions.RemoveEmptyEntries).Where(p => p.Trim().Length > 0).ToList();

        Assert.True(pages.Count >= 2, $"expected several pages, got {pages.Count}");
        Assert.All(pages, p => Assert.Contains("UZ-CO-2026-000042", p, StringComparison.Ordinal));
        Assert.Empty(PdfWords.Overlaps(path));
    }

    [Fact]
    public void Render_LongAuthorityName_PrintsNoTextOverOtherText()
    {
        var certificate = Issued() with
        {
            IssuingAuthority = new IssuingAuthority
            {
                Name = "Chamber of Commerce and Industry of the Republic of Uzbekistan, Fergana Regional Branch",
                Country = CountryCode.Of("UZ"),
            },
        };

        var overlaps = PdfWords.Overlaps(WritePdf(certificate));

        Assert.True(overlaps.Count == 0, string.Join("\n", overlaps));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
