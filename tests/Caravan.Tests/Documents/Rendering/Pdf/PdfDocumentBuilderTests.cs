using System.Text;
using System.Text.RegularExpressions;
using Caravan.Documents.Rendering;
using Caravan.Documents.Rendering.Pdf;
using Caravan.Tests.Portal;

namespace Caravan.Tests.Documents.Rendering.Pdf;

public sealed class PdfDocumentBuilderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("caravan-pdfw-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static byte[] Sample(out PdfFontHandle regular)
    {
        var builder = new PdfDocumentBuilder(595.28, 841.89) { Title = "Сертификат № 1", Creator = "tests" };
        regular = builder.AddFont(RenderingFonts.Regular);
        var bold = builder.AddFont(RenderingFonts.Bold);
        var page = builder.AddPage();
        page.DrawText("Fergana Valley Fruits LLC", bold, 12, 36, 60);
        page.DrawText("Ферганская долина, Қазақстан", regular, 10, 36, 80);
        page.StrokeRectangle(30, 40, 300, 60, 0.6);
        page.FillRectangle(400, 40, 20, 20);
        builder.AddPage().DrawText("Page two", regular, 10, 36, 60);
        return builder.Build();
    }

    [Fact]
    public void Xref_PointsAtEveryObject_AndTheTrailerAtTheTable()
    {
        var pdf = Sample(out _);
        var text = Encoding.Latin1.GetString(pdf);
        var startxref = long.Parse(Regex.Match(text, @"startxref\n(\d+)\n%%EOF\n$").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("xref\n", text[(int)startxref..], StringComparison.Ordinal);
        var entries = Regex.Matches(text[(int)startxref..], @"(\d{10}) 00000 n ").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.True(entries.Count > 10);
        for (var i = 0; i < entries.Count; i++)
        {
            Assert.StartsWith($"{i + 1} 0 obj\n", text[entries[i]..], StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Text_InLatinAndCyrillic_IsExtractable_AndPopplerReadsTwoPages()
    {
        var path = Path.Combine(_folder, "sample.pdf");
        File.WriteAllBytes(path, Sample(out _));
        var text = ExternalTool.Run("pdftotext", "poppler-utils", path, "-");
        Assert.Contains("Fergana Valley Fruits LLC", text, StringComparison.Ordinal);
        Assert.Contains("Ферганская долина, Қазақстан", text, StringComparison.Ordinal);
        Assert.Contains("Page two", text, StringComparison.Ordinal);
        var info = ExternalTool.Run("pdfinfo", "poppler-utils", path);
        Assert.Matches(@"Pages:\s+2", info);
        Assert.Contains("Сертификат № 1", info, StringComparison.Ordinal);
    }

    [Fact]
    public void Fonts_AreEmbeddedCidTrueTypeSubsets_WithIdentityHAndUnicodeMaps()
    {
        var path = Path.Combine(_folder, "fonts.pdf");
        File.WriteAllBytes(path, Sample(out _));

        var fonts = ExternalTool.Run("pdffonts", "poppler-utils", path)
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(2) // header and rule
            .ToList();

        Assert.Equal(2, fonts.Count);
        Assert.All(fonts, line => Assert.Matches(@"^[A-Z]{6}\+DejaVuSans(-Bold)?\s+CID TrueType\s+Identity-H\s+yes\s+yes\s+yes\s", line));
    }

    [Fact]
    public void Poppler_ReadsAndRendersTheFile_WithoutRepairOrWarnings()
    {
        var path = Path.Combine(_folder, "clean.pdf");
        File.WriteAllBytes(path, Sample(out _));

        var (_, textErrors) = ExternalTool.RunWithErrors("pdftotext", "poppler-utils", path, "-");
        var (_, renderErrors) = ExternalTool.RunWithErrors("pdftoppm", "poppler-utils", "-r", "20", "-png", path, Path.Combine(_folder, "page"));

        // Poppler repairs a wrong xref, a bad stream length or a broken font quietly, but says so on stderr.
        Assert.Equal("", textErrors);
        Assert.Equal("", renderErrors);
        Assert.Equal(2, Directory.GetFiles(_folder, "page-*.png").Length);
    }

    [Theory]
    [InlineData("Fergana", true, 12)]
    [InlineData("Ферганская", false, 10)]
    [InlineData("Қазақстан", false, 10)]
    public void WidthsArray_GivesPopplerTheFontsAdvances(string word, bool bold, double size)
    {
        var path = Path.Combine(_folder, "widths.pdf");
        File.WriteAllBytes(path, Sample(out _));
        var font = bold ? RenderingFonts.Bold : RenderingFonts.Regular;

        // pdftotext lays words out with the /W widths of the PDF (not the embedded font's own metrics).
        var html = ExternalTool.Run("pdftotext", "poppler-utils", "-bbox", path, "-");
        var box = Regex.Match(html, $@"<word xMin=""([\d.]+)"" yMin=""[\d.]+"" xMax=""([\d.]+)"" yMax=""[\d.]+"">{Regex.Escape(word)},?</word>");
        Assert.True(box.Success, html);
        var width = double.Parse(box.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture)
            - double.Parse(box.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal(font.Measure(word, size), width, 0.01);
        Assert.True(width > size * 0.3 * word.Length, $"{word}: {width} pt is narrower than any DejaVu text of that length");
    }

    [Fact]
    public void Subset_CompositeGlyphs_KeepTheirComponents()
    {
        // In DejaVu Sans these four are composite glyphs (a base letter and a mark); none of their components is
        // used on its own here, so they draw ink only if the subset kept the components.
        const string composites = "ўёЙğ";
        var builder = new PdfDocumentBuilder(200, 80);
        var font = builder.AddFont(RenderingFonts.Regular);
        builder.AddPage().DrawText(composites, font, 48, 10, 60);
        var path = Path.Combine(_folder, "composite.pdf");
        File.WriteAllBytes(path, builder.Build());

        ExternalTool.Run("pdftoppm", "poppler-utils", "-r", "72", "-gray", "-singlefile", path, Path.Combine(_folder, "composite"));
        var dark = DarkPixels(Path.Combine(_folder, "composite.pgm"));

        Assert.True(dark > 1000, $"{dark} dark pixels");
        Assert.Contains(composites, ExternalTool.Run("pdftotext", "poppler-utils", path, "-"), StringComparison.Ordinal);
    }

    private static int DarkPixels(string pgm)
    {
        var bytes = File.ReadAllBytes(pgm);
        // Binary PGM: "P5", width, height, maximum value, each followed by one whitespace byte, then the pixels.
        var at = 0;
        for (var fields = 0; fields < 4; fields++)
        {
            while (char.IsWhiteSpace((char)bytes[at]))
            {
                at++;
            }
            while (!char.IsWhiteSpace((char)bytes[at]))
            {
                at++;
            }
        }
        return bytes.Skip(at + 1).Count(b => b < 128);
    }

    [Fact]
    public void OnlyTheGlyphsUsed_AreEmbedded()
    {
        var pdf = Sample(out _);
        // Two whole DejaVu faces are about 1.4 MB; the subsets with their outlines emptied compress to a few kilobytes.
        Assert.True(pdf.Length < 60_000, $"{pdf.Length} bytes");
    }

    [Fact]
    public void Measure_UsesTheFontsAdvanceWidths()
    {
        var font = RenderingFonts.Regular;
        Assert.Equal(font.Measure("ii", 10), 2 * font.Measure("i", 10), 6);
        Assert.True(font.Measure("WWW", 10) > font.Measure("iii", 10) * 2);
        Assert.NotEqual(0, font.GlyphOf('Қ'));
    }
}
