using System.Buffers.Binary;

namespace Caravan.Documents.Rendering.Pdf;

/// <summary>
/// The parts of a TrueType font (glyf outlines) that a PDF writer needs: character to glyph mapping (cmap formats 4
/// and 12), advance widths, the metrics of the font descriptor, and a subset of the font file that keeps glyph ids
/// (unused glyphs are emptied, composite glyphs keep their components) so that text can be written with Identity-H.
/// </summary>
public sealed class TrueTypeFont
{
    private readonly byte[] _data;
    private readonly Dictionary<string, (int Offset, int Length)> _tables;
    private readonly Dictionary<int, ushort> _cmap = [];
    private readonly ushort[] _advances;

    private TrueTypeFont(string postScriptName, byte[] data)
    {
        _data = data;
        PostScriptName = postScriptName;
        var numTables = U16(4);
        _tables = [];
        for (var i = 0; i < numTables; i++)
        {
            var record = 12 + (i * 16);
            var tag = System.Text.Encoding.ASCII.GetString(data, record, 4);
            _tables[tag] = ((int)U32(record + 8), (int)U32(record + 12));
        }
        foreach (var required in new[] { "head", "hhea", "hmtx", "maxp", "cmap", "loca", "glyf" })
        {
            if (!_tables.ContainsKey(required))
            {
                throw new InvalidDataException($"The font {postScriptName} has no '{required}' table (only TrueType outlines are supported).");
            }
        }
        var head = _tables["head"].Offset;
        UnitsPerEm = U16(head + 18);
        BoundingBox = (S16(head + 36), S16(head + 38), S16(head + 40), S16(head + 42));
        IndexToLocFormat = S16(head + 50);
        GlyphCount = U16(_tables["maxp"].Offset + 4);
        var hhea = _tables["hhea"].Offset;
        Ascent = S16(hhea + 4);
        Descent = S16(hhea + 6);
        var metrics = U16(hhea + 34);
        _advances = new ushort[GlyphCount];
        var hmtx = _tables["hmtx"].Offset;
        for (var g = 0; g < GlyphCount; g++)
        {
            _advances[g] = U16(hmtx + (Math.Min(g, metrics - 1) * 4));
        }
        CapHeight = _tables.TryGetValue("OS/2", out var os2) && os2.Length >= 90 ? S16(os2.Offset + 88) : Ascent;
        ReadCmap();
    }

    public string PostScriptName { get; }

    public int UnitsPerEm { get; }

    public int GlyphCount { get; }

    public int Ascent { get; }

    public int Descent { get; }

    public int CapHeight { get; }

    public (int XMin, int YMin, int XMax, int YMax) BoundingBox { get; }

    private int IndexToLocFormat { get; }

    public static TrueTypeFont Load(string path) => new(Path.GetFileNameWithoutExtension(path), File.ReadAllBytes(path));

    /// <summary>The glyph of a Unicode code point, 0 (.notdef) when the font has none.</summary>
    public ushort GlyphOf(int codePoint) => _cmap.GetValueOrDefault(codePoint);

    /// <summary>A glyph's advance in thousandths of the font size (PDF glyph space).</summary>
    public double Advance(ushort glyph) => _advances[Math.Min((int)glyph, GlyphCount - 1)] * 1000.0 / UnitsPerEm;

    /// <summary>The width of a text at a font size, in points.</summary>
    public double Measure(string text, double size)
    {
        ArgumentNullException.ThrowIfNull(text);
        var total = 0.0;
        foreach (var rune in text.EnumerateRunes())
        {
            total += Advance(GlyphOf(rune.Value));
        }
        return total * size / 1000.0;
    }

    /// <summary>
    /// The font file with only <paramref name="glyphs"/> (and the components they are built from, and .notdef) kept:
    /// every other glyph's outline is emptied, glyph ids are unchanged, and only the tables a PDF viewer needs remain.
    /// </summary>
    public byte[] Subset(IReadOnlySet<ushort> glyphs)
    {
        ArgumentNullException.ThrowIfNull(glyphs);
        var keep = new HashSet<ushort>(glyphs) { 0 };
        var pending = new Stack<ushort>(keep);
        while (pending.Count > 0)
        {
            foreach (var component in Components(pending.Pop()))
            {
                if (keep.Add(component))
                {
                    pending.Push(component);
                }
            }
        }
        using var glyf = new MemoryStream();
        var loca = new byte[(GlyphCount + 1) * 4];
        for (var g = 0; g < GlyphCount; g++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(g * 4), (uint)glyf.Length);
            if (keep.Contains((ushort)g))
            {
                var (offset, length) = GlyphRange(g);
                glyf.Write(_data, _tables["glyf"].Offset + offset, length);
                while (glyf.Length % 4 != 0)
                {
                    glyf.WriteByte(0);
                }
            }
        }
        BinaryPrimitives.WriteUInt32BigEndian(loca.AsSpan(GlyphCount * 4), (uint)glyf.Length);

        var head = Table("head").ToArray();
        BinaryPrimitives.WriteInt16BigEndian(head.AsSpan(50), 1); // long loca offsets
        BinaryPrimitives.WriteUInt32BigEndian(head.AsSpan(8), 0); // checksum adjustment, not needed inside a PDF
        var tables = new SortedDictionary<string, byte[]>(StringComparer.Ordinal)
        {
            ["head"] = head,
            ["hhea"] = Table("hhea").ToArray(),
            ["hmtx"] = Table("hmtx").ToArray(),
            ["maxp"] = Table("maxp").ToArray(),
            ["loca"] = loca,
            ["glyf"] = glyf.ToArray(),
        };
        foreach (var optional in new[] { "cvt ", "fpgm", "prep" })
        {
            if (_tables.ContainsKey(optional))
            {
                tables[optional] = Table(optional).ToArray();
            }
        }
        return WriteFont(tables);
    }

    private ReadOnlySpan<byte> Table(string tag) => _data.AsSpan(_tables[tag].Offset, _tables[tag].Length);

    private (int Offset, int Length) GlyphRange(int glyph)
    {
        var loca = _tables["loca"].Offset;
        int start, end;
        if (IndexToLocFormat == 0)
        {
            start = U16(loca + (glyph * 2)) * 2;
            end = U16(loca + ((glyph + 1) * 2)) * 2;
        }
        else
        {
            start = (int)U32(loca + (glyph * 4));
            end = (int)U32(loca + ((glyph + 1) * 4));
        }
        return (start, Math.Max(0, end - start));
    }

    private IEnumerable<ushort> Components(ushort glyph)
    {
        var (offset, length) = GlyphRange(glyph);
        if (length < 10)
        {
            yield break;
        }
        var at = _tables["glyf"].Offset + offset;
        if (S16(at) >= 0)
        {
            yield break; // a simple glyph
        }
        var p = at + 10;
        while (true)
        {
            var flags = U16(p);
            yield return U16(p + 2);
            p += 4 + ((flags & 0x0001) != 0 ? 4 : 2);
            if ((flags & 0x0008) != 0)
            {
                p += 2;
            }
            else if ((flags & 0x0040) != 0)
            {
                p += 4;
            }
            else if ((flags & 0x0080) != 0)
            {
                p += 8;
            }
            if ((flags & 0x0020) == 0)
            {
                yield break;
            }
        }
    }

    private void ReadCmap()
    {
        var cmap = _tables["cmap"].Offset;
        var count = U16(cmap + 2);
        int? format4 = null, format12 = null;
        for (var i = 0; i < count; i++)
        {
            var platform = U16(cmap + 4 + (i * 8));
            var encoding = U16(cmap + 6 + (i * 8));
            var offset = cmap + (int)U32(cmap + 8 + (i * 8));
            var format = U16(offset);
            if (format == 12 && ((platform == 3 && encoding == 10) || platform == 0))
            {
                format12 = offset;
            }
            else if (format == 4 && ((platform == 3 && encoding == 1) || platform == 0))
            {
                format4 = offset;
            }
        }
        if (format12 is { } f12)
        {
            var groups = (int)U32(f12 + 12);
            for (var g = 0; g < groups; g++)
            {
                var start = (int)U32(f12 + 16 + (g * 12));
                var end = (int)U32(f12 + 20 + (g * 12));
                var glyph = (int)U32(f12 + 24 + (g * 12));
                for (var c = start; c <= end && c - start < 0x10000; c++)
                {
                    _cmap.TryAdd(c, (ushort)(glyph + c - start));
                }
            }
        }
        if (format4 is { } f4)
        {
            var segments = U16(f4 + 6) / 2;
            var ends = f4 + 14;
            var starts = ends + (segments * 2) + 2;
            var deltas = starts + (segments * 2);
            var ranges = deltas + (segments * 2);
            for (var s = 0; s < segments; s++)
            {
                int end = U16(ends + (s * 2)), start = U16(starts + (s * 2)), delta = S16(deltas + (s * 2)), range = U16(ranges + (s * 2));
                for (var c = start; c <= end && c != 0xFFFF; c++)
                {
                    int glyph;
                    if (range == 0)
                    {
                        glyph = (c + delta) & 0xFFFF;
                    }
                    else
                    {
                        var at = ranges + (s * 2) + range + ((c - start) * 2);
                        glyph = U16(at);
                        if (glyph != 0)
                        {
                            glyph = (glyph + delta) & 0xFFFF;
                        }
                    }
                    if (glyph != 0)
                    {
                        _cmap.TryAdd(c, (ushort)glyph);
                    }
                }
            }
        }
        if (_cmap.Count == 0)
        {
            throw new InvalidDataException($"The font {PostScriptName} has no Unicode cmap.");
        }
    }

    private static byte[] WriteFont(SortedDictionary<string, byte[]> tables)
    {
        var count = tables.Count;
        var entrySelector = (int)Math.Floor(Math.Log2(count));
        var searchRange = (1 << entrySelector) * 16;
        using var output = new MemoryStream();
        Span<byte> header = stackalloc byte[12];
        BinaryPrimitives.WriteUInt32BigEndian(header, 0x00010000);
        BinaryPrimitives.WriteUInt16BigEndian(header[4..], (ushort)count);
        BinaryPrimitives.WriteUInt16BigEndian(header[6..], (ushort)searchRange);
        BinaryPrimitives.WriteUInt16BigEndian(header[8..], (ushort)entrySelector);
        BinaryPrimitives.WriteUInt16BigEndian(header[10..], (ushort)((count * 16) - searchRange));
        output.Write(header);
        var offset = 12 + (count * 16);
        var record = new byte[16];
        foreach (var (tag, bytes) in tables)
        {
            System.Text.Encoding.ASCII.GetBytes(tag, record);
            BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(4), Checksum(bytes));
            BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(8), (uint)offset);
            BinaryPrimitives.WriteUInt32BigEndian(record.AsSpan(12), (uint)bytes.Length);
            output.Write(record);
            offset += (bytes.Length + 3) & ~3;
        }
        foreach (var bytes in tables.Values)
        {
            output.Write(bytes);
            for (var pad = bytes.Length; pad % 4 != 0; pad++)
            {
                output.WriteByte(0);
            }
        }
        return output.ToArray();
    }

    private static uint Checksum(byte[] bytes)
    {
        uint sum = 0;
        for (var i = 0; i < bytes.Length; i += 4)
        {
            uint word = 0;
            for (var j = 0; j < 4; j++)
            {
                word = (word << 8) | (i + j < bytes.Length ? bytes[i + j] : 0u);
            }
            sum += word;
        }
        return sum;
    }

    private ushort U16(int at) => BinaryPrimitives.ReadUInt16BigEndian(_data.AsSpan(at));

    private short S16(int at) => BinaryPrimitives.ReadInt16BigEndian(_data.AsSpan(at));

    private uint U32(int at) => BinaryPrimitives.ReadUInt32BigEndian(_data.AsSpan(at));
}
