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
