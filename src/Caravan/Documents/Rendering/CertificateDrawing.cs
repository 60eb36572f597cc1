using System.Text;
using QRCoder;
using Caravan.Documents.Rendering.Pdf;

namespace Caravan.Documents.Rendering;

/// <summary>
/// What every certificate rendering shares: A4 page geometry, the fonts at their sizes, labelled boxes with wrapped
/// text, frames, and the verification QR code (vector modules) with its link printed under it.
/// </summary>
public static class CertificateDrawing
{
    internal const double Margin = 36;
    internal const double PageWidth = 595.28;
    internal const double PageHeight = 841.89;
    internal const double ContentWidth = PageWidth - (2 * Margin);
    internal const double Pad = 4;

    /// <summary>The QR code's module matrix for a URL (error correction level M), as drawn on the certificate.</summary>
    public static bool[][] QrModules(Uri url)
    {
        ArgumentNullException.ThrowIfNull(url);
        using var generator = new QRCodeGenerator();
        using var data = generator.CreateQrCode(url.ToString(), QRCodeGenerator.ECCLevel.M);
        return data.ModuleMatrix.Select(row => Enumerable.Range(0, row.Length).Select(i => row[i]).ToArray()).ToArray();
    }

    internal static double QrBox(PdfCanvas gfx, Fonts fonts, double x, double y, double width, Uri url)
    {
        gfx.DrawText("Verify this certificate: scan the code or open the link", fonts.Label, x + Pad, y + Pad + 7);
        var modules = QrModules(url);
        const double size = 110;
        var moduleSize = size / modules.Length;
        var qx = x + ((width - size) / 2);
        var qy = y + 16;
        for (var row = 0; row < modules.Length; row++)
        {
            for (var col = 0; col < modules[row].Length; col++)
            {
                if (modules[row][col])
                {
                    // Slightly oversized squares so neighbouring modules join without hairline gaps.
                    gfx.FillRectangle(qx + (col * moduleSize), qy + (row * moduleSize), moduleSize + 0.05, moduleSize + 0.05);
                }
            }
        }
        var lines = Wrap(gfx, url.ToString(), fonts.Small, width - (2 * Pad), breakAnywhere: true);
        var ty = qy + size + 9;
        foreach (var line in lines)
        {
            gfx.DrawText(line, fonts.Small, x + Pad, ty);
            ty += fonts.SmallLine;
        }
        return ty - y + Pad;
    }


    /// <summary>
    /// Draws the header repeated on every page: the title and the lines under it on the left, the reference lines
    /// (number, authority) right-aligned on the right. Each column wraps to its own width, so long numbers and names
    /// never print over each other; a title too wide for its column is set smaller. Returns where the content starts.
    /// </summary>
    internal static double Header(PdfCanvas gfx, Fonts fonts, string title, IReadOnlyList<string> left, IReadOnlyList<(string Text, FontFace Font)> right)
    {
        const double gap = 12;
        var rightWidth = Math.Min(ContentWidth * 0.4, right.Select(r => r.Font.Measure(r.Text)).DefaultIfEmpty(0).Max());
        var leftWidth = ContentWidth - rightWidth - gap;
        var titleFont = fonts.Title;
        if (titleFont.Measure(title) > leftWidth)
        {
            titleFont = titleFont with { Size = Math.Max(8, titleFont.Size * leftWidth / titleFont.Measure(title)) };
        }
        gfx.DrawText(title, titleFont, Margin, Margin + 12);
        var bottom = Margin + 12.0;
        var y = Margin + 26;
        foreach (var line in left.SelectMany(l => Wrap(gfx, l, fonts.Body, leftWidth)))
        {
            gfx.DrawText(line, fonts.Body, Margin, y);
            bottom = Math.Max(bottom, y);
            y += fonts.BodyLine;
        }
        y = Margin + 10;
        foreach (var (text, font) in right)
        {
            foreach (var line in Wrap(gfx, text, font, rightWidth))
            {
                gfx.DrawText(line, font, PageWidth - Margin - font.Measure(line), y);
                bottom = Math.Max(bottom, y);
                y += font.Size + 3;
            }
        }
        return bottom + 10;
    }

    /// <summary>Draws a labelled box's text and returns the height it needs (the caller draws the frame).</summary>
    internal static double Box(PdfCanvas gfx, Fonts fonts, double x, double y, double width, string label, IReadOnlyList<string> lines)
    {
        gfx.DrawText(label, fonts.Label, x + Pad, y + Pad + 7);
        var ty = y + Pad + 7 + fonts.BodyLine;
        foreach (var line in lines.SelectMany(l => Wrap(gfx, l, fonts.Body, width - (2 * Pad))))
        {
            gfx.DrawText(line, fonts.Body, x + Pad, ty);
            ty += fonts.BodyLine;
        }
        return ty - y;
    }

    internal static double Measure(PdfCanvas gfx, Fonts fonts, double width, IReadOnlyList<string> lines) =>
        Pad + 7 + fonts.BodyLine + (lines.SelectMany(l => Wrap(gfx, l, fonts.Body, width - (2 * Pad))).Count() * fonts.BodyLine);

    internal static void Frame(PdfCanvas gfx, double x, double y, double width, double height) =>
        gfx.StrokeRectangle(x, y, width, height, 0.6);

    /// <summary>
    /// Text as printed: every run of white space (line breaks, tabs and the indentation that pretty-printed XML leaves
    /// inside element text) becomes one space, and other control characters are dropped, since none of them has a
    /// glyph. A no-break space is kept.
    /// </summary>
    internal static string Clean(string text)
    {
        var builder = new StringBuilder(text.Length);
        var space = false;
        foreach (var c in text)
        {
            if (c != '\u00A0' && char.IsWhiteSpace(c))
            {
                space = builder.Length > 0;
            }
            else if (!char.IsControl(c))
            {
                if (space)
                {
                    builder.Append(' ');
                    space = false;
                }
                builder.Append(c);
            }
        }
        return builder.ToString();
    }

    /// <summary>Greedy word wrap by measured width of the <see cref="Clean"/> text; words longer than a line (or everything, when asked) break by character.</summary>
    internal static List<string> Wrap(PdfCanvas gfx, string text, FontFace font, double width, bool breakAnywhere = false)
    {
        var lines = new List<string>();
        text = Clean(text ?? "");
        if (text.Length == 0)
        {
            return lines;
        }
        var tokens = breakAnywhere ? text.EnumerateRunes().Select(r => r.ToString()).ToList() : text.Split(' ').ToList();
        var separator = breakAnywhere ? "" : " ";
        var current = "";
        foreach (var token in tokens)
        {
            var candidate = current.Length == 0 ? token : current + separator + token;
            if (font.Measure(candidate) <= width)
            {
                current = candidate;
                continue;
            }
            if (current.Length > 0)
            {
                lines.Add(current);
            }
            current = token;
            while (font.Measure(current) > width && current.Length > 1)
            {
                var cut = current.Length - 1;
                while (cut > 1 && (font.Measure(current[..cut]) > width || char.IsLowSurrogate(current[cut])))
                {
                    cut--;
                }
                lines.Add(current[..cut]);
                current = current[cut..];
            }
        }
        if (current.Length > 0)
        {
            lines.Add(current);
        }
        return lines;
    }

    internal static void DrawText(this PdfCanvas canvas, string text, FontFace font, double x, double baseline) =>
        canvas.DrawText(Clean(text), font.Handle, font.Size, x, baseline);

    /// <summary>A font at a size; it measures the <see cref="Clean"/> text, as it is drawn.</summary>
    internal sealed record FontFace(PdfFontHandle Handle, double Size)
    {
        public double Measure(string text) => Handle.Measure(Clean(text), Size);
    }

    internal sealed class Fonts
    {
        public Fonts(PdfDocumentBuilder document)
        {
            var regular = document.AddFont(RenderingFonts.Regular);
            var bold = document.AddFont(RenderingFonts.Bold);
            Title = new(bold, 15);
            Heading = new(bold, 9);
            Label = new(bold, 6.5);
            Body = new(regular, 8.5);
            Small = new(regular, 6.5);
        }

        public FontFace Title { get; }
        public FontFace Heading { get; }
        public FontFace Label { get; }
        public FontFace Body { get; }
        public FontFace Small { get; }
        public double BodyLine => 10.5;
        public double SmallLine => 8;
    }
}
