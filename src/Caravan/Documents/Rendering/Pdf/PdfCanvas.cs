using System.Text;
using static Caravan.Documents.Rendering.Pdf.PdfDocumentBuilder;

namespace Caravan.Documents.Rendering.Pdf;

/// <summary>
/// One page's drawing: text on a baseline and rectangles, in points from the page's top-left corner (converted to
/// PDF's bottom-up space here). Everything is drawn in black.
/// </summary>
public sealed class PdfCanvas
{
    private readonly StringBuilder _content = new();
    private readonly double _height;

    internal PdfCanvas(double height) => _height = height;

    /// <summary>Writes <paramref name="text"/> with its baseline at <paramref name="baseline"/> from the top.</summary>
    public void DrawText(string text, PdfFontHandle font, double size, double x, double baseline)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(font);
        if (text.Length == 0)
        {
            return;
        }
        _content.Append($"BT /{font.Name} {N(size)} Tf {N(x)} {N(_height - baseline)} Td {font.Encode(text)} Tj ET\n");
    }

    public void FillRectangle(double x, double y, double width, double height) =>
        _content.Append($"{N(x)} {N(_height - y - height)} {N(width)} {N(height)} re f\n");

    public void StrokeRectangle(double x, double y, double width, double height, double lineWidth) =>
        _content.Append($"{N(lineWidth)} w {N(x)} {N(_height - y - height)} {N(width)} {N(height)} re S\n");

    internal byte[] Content() => Encoding.ASCII.GetBytes(_content.ToString());
}
