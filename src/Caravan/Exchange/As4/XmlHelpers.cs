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

    /// <summary>
    /// Adds an xmlns declaration wherever an element or attribute uses a prefix that no ancestor declares (nodes
    /// created or imported through the DOM carry their namespace but not its declaration). Canonicalisation works
    /// from declarations, so this must run before digesting, or the digests differ from those of the parsed wire form.
    /// </summary>
    public static void DeclareNamespaces(XmlDocument document)
    {
        if (document.DocumentElement is { } root)
        {
            DeclareNamespaces(root, new Dictionary<string, string>(StringComparer.Ordinal) { ["xml"] = As4Namespaces.Xml, [string.Empty] = string.Empty });
        }
    }

    private static void DeclareNamespaces(XmlElement element, Dictionary<string, string> inherited)
    {
        var scope = inherited;
        foreach (XmlAttribute attribute in element.Attributes)
        {
            if (attribute.NamespaceURI == XmlnsNamespace)
            {
                if (ReferenceEquals(scope, inherited))
                {
                    scope = new Dictionary<string, string>(inherited, StringComparer.Ordinal);
                }
                scope[attribute.Prefix == "xmlns" ? attribute.LocalName : string.Empty] = attribute.Value;
            }
        }
        scope = Ensure(element, element.Prefix, element.NamespaceURI, scope, inherited);
        for (var i = 0; i < element.Attributes.Count; i++)
        {
            var attribute = element.Attributes[i];
            if (attribute.Prefix.Length > 0 && attribute.NamespaceURI != XmlnsNamespace)
            {
                scope = Ensure(element, attribute.Prefix, attribute.NamespaceURI, scope, inherited);
            }
        }
        for (var child = element.FirstChild; child is not null; child = child.NextSibling)
        {
            if (child is XmlElement childElement)
            {
                DeclareNamespaces(childElement, scope);
            }
        }
    }

    private static Dictionary<string, string> Ensure(XmlElement element, string prefix, string ns, Dictionary<string, string> scope, Dictionary<string, string> inherited)
    {
        if (scope.TryGetValue(prefix, out var declared) && declared == ns)
        {
            return scope;
        }
        if (ReferenceEquals(scope, inherited))
        {
            scope = new Dictionary<string, string>(inherited, StringComparer.Ordinal);
        }
        var declaration = prefix.Length == 0
            ? element.OwnerDocument.CreateAttribute("xmlns", XmlnsNamespace)
            : element.OwnerDocument.CreateAttribute("xmlns", prefix, XmlnsNamespace);
        declaration.Value = ns;
        element.Attributes.Append(declaration);
        scope[prefix] = ns;
        return scope;
    }

    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    public static string NewId(string prefix) => prefix + "-" + Guid.NewGuid().ToString("D");
}
