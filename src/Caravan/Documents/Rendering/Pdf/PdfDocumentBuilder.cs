using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Caravan.Documents.Rendering.Pdf;

/// <summary>
/// Writes a PDF 1.7 document: pages of text in embedded TrueType fonts (Type0 / CIDFontType2, Identity-H, with a
/// ToUnicode map so text can be searched and extracted, and only the glyphs used embedded) and filled or stroked
/// rectangles, all Flate-compressed, with a cross-reference table. Coordinates are in points from the page's top-left
/// corner, as a reader of a form thinks of them. Small on purpose: it draws certificates, not arbitrary graphics.
/// </summary>
public sealed class PdfDocumentBuilder(double pageWidth, double pageHeight)
{
    private readonly List<PdfCanvas> _pages = [];
    private readonly List<PdfFontHandle> _fonts = [];

    public double PageWidth { get; } = pageWidth;

    public double PageHeight { get; } = pageHeight;

    public string? Title { get; set; }

    public string? Subject { get; set; }

    public string? Creator { get; set; }

    public int PageCount => _pages.Count;

    public PdfFontHandle AddFont(TrueTypeFont font)
    {
        ArgumentNullException.ThrowIfNull(font);
        var handle = new PdfFontHandle(font, "F" + (_fonts.Count + 1).ToString(CultureInfo.InvariantCulture));
        _fonts.Add(handle);
        return handle;
    }

    public PdfCanvas AddPage()
    {
        var page = new PdfCanvas(PageHeight);
        _pages.Add(page);
        return page;
    }

    public byte[] Build()
    {
        if (_pages.Count == 0)
        {
            throw new InvalidOperationException("A PDF needs at least one page.");
        }
        var objects = new List<byte[]>();
        int Reserve()
        {
            objects.Add([]);
            return objects.Count;
        }
        void Set(int number, string body) => objects[number - 1] = Encoding.ASCII.GetBytes(body);
        void SetStream(int number, string dictionary, byte[] data)
        {
            var compressed = Deflate(data);
            using var buffer = new MemoryStream();
            buffer.Write(Encoding.ASCII.GetBytes($"<< {dictionary} /Filter /FlateDecode /Length {compressed.Length} >>\nstream\n"));
            buffer.Write(compressed);
            buffer.Write("\nendstream"u8);
            objects[number - 1] = buffer.ToArray();
        }

        var catalog = Reserve();
        var pagesNode = Reserve();
        var info = Reserve();
        var fontRefs = new Dictionary<PdfFontHandle, int>();
        foreach (var font in _fonts)
        {
            var type0 = Reserve();
            var cid = Reserve();
            var descriptor = Reserve();
            var file = Reserve();
            var toUnicode = Reserve();
            fontRefs[font] = type0;
            var f = font.Font;
            var baseName = $"{font.SubsetTag}+{f.PostScriptName}";
            Set(type0, $"<< /Type /Font /Subtype /Type0 /BaseFont /{baseName} /Encoding /Identity-H /DescendantFonts [{cid} 0 R] /ToUnicode {toUnicode} 0 R >>");
            Set(cid, $"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /{baseName} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor {descriptor} 0 R /DW 1000 /W {font.WidthsArray()} /CIDToGIDMap /Identity >>");
            var scale = 1000.0 / f.UnitsPerEm;
            var (xMin, yMin, xMax, yMax) = f.BoundingBox;
            Set(descriptor, FormattableString.Invariant(
                $"<< /Type /FontDescriptor /FontName /{baseName} /Flags 32 /FontBBox [{N(xMin * scale)} {N(yMin * scale)} {N(xMax * scale)} {N(yMax * scale)}] /ItalicAngle 0 /Ascent {N(f.Ascent * scale)} /Descent {N(f.Descent * scale)} /CapHeight {N(f.CapHeight * scale)} /StemV 80 /FontFile2 {file} 0 R >>"));
            var subset = f.Subset(font.UsedGlyphs);
            SetStream(file, $"/Length1 {subset.Length}", subset);
            SetStream(toUnicode, "", Encoding.ASCII.GetBytes(font.ToUnicodeCMap()));
        }
        var fontResources = string.Join(" ", _fonts.Select(f => $"/{f.Name} {fontRefs[f]} 0 R"));
        var pageNumbers = new List<int>();
        foreach (var page in _pages)
        {
            var pageObject = Reserve();
            var content = Reserve();
            pageNumbers.Add(pageObject);
            Set(pageObject, $"<< /Type /Page /Parent {pagesNode} 0 R /Resources << /Font << {fontResources} >> >> /Contents {content} 0 R >>");
            SetStream(content, "", page.Content());
        }
        Set(catalog, $"<< /Type /Catalog /Pages {pagesNode} 0 R >>");
        Set(pagesNode, FormattableString.Invariant($"<< /Type /Pages /Kids [{string.Join(" ", pageNumbers.Select(n => $"{n} 0 R"))}] /Count {pageNumbers.Count} /MediaBox [0 0 {N(PageWidth)} {N(PageHeight)}] >>"));
        Set(info, $"<< /Producer {TextString("Caravan")}{(Title is null ? "" : " /Title " + TextString(Title))}{(Subject is null ? "" : " /Subject " + TextString(Subject))}{(Creator is null ? "" : " /Creator " + TextString(Creator))} >>");

        using var output = new MemoryStream();
        output.Write("%PDF-1.7\n%\xE2\xE3\xCF\xD3\n"u8);
        var offsets = new long[objects.Count];
        for (var i = 0; i < objects.Count; i++)
        {
            offsets[i] = output.Position;
            output.Write(Encoding.ASCII.GetBytes($"{i + 1} 0 obj\n"));
            output.Write(objects[i]);
            output.Write("\nendobj\n"u8);
        }
        var xref = output.Position;
        var table = new StringBuilder();
        table.Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }
        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root {catalog} 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        output.Write(Encoding.ASCII.GetBytes(table.ToString()));
        return output.ToArray();
    }

    /// <summary>A number as PDF writes it: invariant culture, at most three decimals.</summary>
    internal static string N(double value) => Math.Round(value, 3).ToString("0.###", CultureInfo.InvariantCulture);

    /// <summary>A PDF text string: literal when plain ASCII, else UTF-16BE with a byte-order mark, in hex.</summary>
    internal static string TextString(string text)
    {
        if (text.All(c => c is >= ' ' and <= '~'))
        {
            return "(" + text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("(", "\\(", StringComparison.Ordinal).Replace(")", "\\)", StringComparison.Ordinal) + ")";
        }
        return "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text)) + ">";
    }

    private static byte[] Deflate(byte[] data)
    {
        using var output = new MemoryStream();
        using (var zlib = new ZLibStream(output, CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(data);
        }
        return output.ToArray();
    }
}
