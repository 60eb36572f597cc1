using System.Globalization;
using System.Text.RegularExpressions;
using Caravan.Tests.Portal;

namespace Caravan.Tests.Documents.Rendering;

/// <summary>The words poppler finds on each page of a PDF with their boxes (<c>pdftotext -bbox</c>), to check layout.</summary>
internal static partial class PdfWords
{
    public sealed record Word(int Page, string Text, double XMin, double YMin, double XMax, double YMax)
    {
        public bool Overlaps(Word other) =>
            Page == other.Page && XMin < other.XMax - 0.01 && other.XMin < XMax - 0.01 && YMin < other.YMax - 0.01 && other.YMin < YMax - 0.01;
    }

    public static List<Word> Read(string pdfPath)
    {
        var html = ExternalTool.Run("pdftotext", "poppler-utils", "-bbox", pdfPath, "-");
        var words = new List<Word>();
        var pages = html.Split("<page ", StringSplitOptions.None).Skip(1).ToList();
        for (var p = 0; p < pages.Count; p++)
        {
            foreach (Match m in WordPattern().Matches(pages[p]))
            {
                double D(int group) => double.Parse(m.Groups[group].Value, CultureInfo.InvariantCulture);
                words.Add(new Word(p + 1, System.Net.WebUtility.HtmlDecode(m.Groups[5].Value), D(1), D(2), D(3), D(4)));
            }
        }
        return words;
    }

    /// <summary>Every pair of words whose boxes intersect: text printed over other text.</summary>
    public static List<string> Overlaps(string pdfPath)
    {
        var words = Read(pdfPath);
        var found = new List<string>();
        for (var i = 0; i < words.Count; i++)
        {
            for (var j = i + 1; j < words.Count; j++)
            {
                if (words[i].Overlaps(words[j]))
                {
                    found.Add($"page {words[i].Page}: '{words[i].Text}' over '{words[j].Text}'");
                }
            }
        }
        return found;
    }

    [GeneratedRegex(@"<word xMin=""([\d.]+)"" yMin=""([\d.]+)"" xMax=""([\d.]+)"" yMax=""([\d.]+)"">([^<]*)</word>")]
    private static partial Regex WordPattern();
}
