using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Caravan.Documents.Rendering.Pdf;

/// <summary>
/// A font added to a <see cref="PdfDocumentBuilder"/>: it measures text, encodes it as glyph ids for the content
/// stream, and remembers which glyphs (and which characters they stand for) were used, for the embedded subset, the
/// widths array and the ToUnicode map.
/// </summary>
public sealed class PdfFontHandle
{
    private readonly SortedDictionary<ushort, string> _used = [];

    internal PdfFontHandle(TrueTypeFont font, string name)
    {
        Font = font;
        Name = name;
    }

    public TrueTypeFont Font { get; }

    /// <summary>The resource name in page content (<c>/F1</c>).</summary>
    public string Name { get; }

    internal IReadOnlySet<ushort> UsedGlyphs => new HashSet<ushort>(_used.Keys);

    /// <summary>Six letters naming the subset, derived from the glyphs used (PDF requires a tag on subset fonts).</summary>
    internal string SubsetTag
    {
        get
        {
            var hash = SHA256.HashData(Encoding.ASCII.GetBytes(string.Join(",", _used.Keys)));
            return new string(hash.Take(6).Select(b => (char)('A' + (b % 26))).ToArray());
        }
    }

    /// <summary>The width of a text at a size, in points.</summary>
    public double Measure(string text, double size) => Font.Measure(text, size);

    /// <summary>The text as a hex string of two-byte glyph ids, recording each glyph used.</summary>
    internal string Encode(string text)
    {
        var hex = new StringBuilder(text.Length * 4 + 2).Append('<');
        foreach (var rune in text.EnumerateRunes())
        {
            var glyph = Font.GlyphOf(rune.Value);
            if (glyph != 0)
            {
                _used.TryAdd(glyph, rune.ToString());
            }
            hex.Append(glyph.ToString("X4", CultureInfo.InvariantCulture));
        }
        return hex.Append('>').ToString();
    }

    /// <summary>The /W array: each used glyph's width in thousandths of the size.</summary>
    internal string WidthsArray()
    {
        var builder = new StringBuilder("[");
        foreach (var glyph in _used.Keys.Prepend((ushort)0).Distinct())
        {
            builder.Append(CultureInfo.InvariantCulture, $"{glyph} [{PdfDocumentBuilder.N(Font.Advance(glyph))}] ");
        }
        return builder.Append(']').ToString();
    }

    /// <summary>The ToUnicode CMap mapping each used glyph back to its characters (so text can be extracted and searched).</summary>
    internal string ToUnicodeCMap()
    {
        var builder = new StringBuilder();
        builder.Append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n");
        builder.Append("/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n");
        builder.Append("1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n");
        foreach (var chunk in _used.Chunk(100))
        {
            builder.Append(CultureInfo.InvariantCulture, $"{chunk.Length} beginbfchar\n");
            foreach (var (glyph, text) in chunk)
            {
                builder.Append(CultureInfo.InvariantCulture, $"<{glyph:X4}> <{Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text))}>\n");
            }
            builder.Append("endbfchar\n");
        }
        builder.Append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n");
        return builder.ToString();
    }
}
