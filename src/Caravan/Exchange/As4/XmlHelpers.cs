using System.Xml;

namespace Caravan.Exchange.As4;

internal static class XmlHelpers
{
    public static XmlElement? FirstChild(XmlNode parent, string localName, string ns)
    {
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement e && e.LocalName == localName && e.NamespaceURI == ns)
            {
                return e;
            }
        }
        return null;
    }

    /// <summary>First child element with the local name, in any namespace (for tolerant reading of other stacks' output).</summary>
    public static XmlElement? FirstChildAnyNs(XmlNode parent, string localName)
    {
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement e && e.LocalName == localName)
            {
                return e;
            }
        }
        return null;
    }

    public static IEnumerable<XmlElement> Children(XmlNode parent, string localName, string ns)
    {
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement e && e.LocalName == localName && e.NamespaceURI == ns)
            {
                yield return e;
            }
        }
    }

    public static IEnumerable<XmlElement> ChildElements(XmlNode parent)
    {
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement e)
            {
                yield return e;
            }
        }
    }

    public static string? Attr(XmlElement element, string name)
    {
        var a = element.GetAttributeNode(name);
        return a?.Value;
    }

    /// <summary>The wsu:Id of an element, or a plain Id/ID attribute as some stacks write.</summary>
    public static string? GetId(XmlElement element)
    {
        var wsu = element.GetAttributeNode("Id", As4Namespaces.Wsu);
        if (wsu is not null)
        {
            return wsu.Value;
        }
        return Attr(element, "Id") ?? Attr(element, "ID") ?? Attr(element, "id");
    }

    public static string Text(XmlElement element) => element.InnerText.Trim();

    /// <summary>Loads XML with DTDs prohibited, no external resolution, and whitespace preserved (signatures depend on it).</summary>
    public static XmlDocument Load(Stream stream)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var reader = XmlReader.Create(stream, ReaderSettings);
        document.Load(reader);
        return document;
    }

    public static XmlDocument LoadXml(string xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        using var reader = XmlReader.Create(new StringReader(xml), ReaderSettings);
        document.Load(reader);
        return document;
    }

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = false,
        CloseInput = false,
    };

    /// <summary>Writes the document as UTF-8 without BOM and without reformatting, so signed content stays byte-stable.</summary>
    public static void Save(XmlDocument document, Stream output)
    {
        var settings = new XmlWriterSettings { Encoding = new System.Text.UTF8Encoding(false), Indent = false, CloseOutput = false, NewLineHandling = NewLineHandling.None };
        using var writer = XmlWriter.Create(output, settings);
        document.Save(writer);
    }

    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("D");
}
