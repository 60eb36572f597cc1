using System.Text;
using System.Xml;

namespace Caravan.Exchange.As4.Security;

/// <summary>
/// Exclusive XML Canonicalization 1.0 without comments (http://www.w3.org/2001/10/xml-exc-c14n#) of one element's
/// subtree, written straight from the DOM: namespace declarations only where visibly utilised and not already
/// rendered by an output ancestor, namespace declarations then attributes in canonical order, the C14N escaping rules,
/// comments dropped. It gives the same octets as <see cref="System.Security.Cryptography.Xml.XmlDsigExcC14NTransform"/>
/// (checked byte for byte in the tests over the corpus and our own messages) without copying the document twice.
/// </summary>
internal static class ExclusiveCanonicalWriter
{
    private const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";
    private const string XmlNamespace = "http://www.w3.org/XML/1998/namespace";

    public static byte[] Canonicalize(XmlElement element)
    {
        ArgumentNullException.ThrowIfNull(element);
        var builder = new StringBuilder(4096);
        WriteElement(element, new Dictionary<string, string>(StringComparer.Ordinal), builder);
        return Encoding.UTF8.GetBytes(builder.ToString());
    }

    private static void WriteElement(XmlElement element, Dictionary<string, string> rendered, StringBuilder output)
    {
        // Visibly utilised prefixes: the element's own, and those of its attributes (not xml:, not declarations).
        var needed = new SortedDictionary<string, string>(StringComparer.Ordinal) { [element.Prefix] = element.NamespaceURI };
        var attributes = new List<XmlAttribute>();
        foreach (XmlAttribute attribute in element.Attributes)
        {
            if (attribute.NamespaceURI == XmlnsNamespace)
            {
                continue;
            }
            attributes.Add(attribute);
            if (attribute.Prefix.Length > 0 && attribute.NamespaceURI != XmlNamespace)
            {
                needed[attribute.Prefix] = attribute.NamespaceURI;
            }
        }

        Dictionary<string, string>? context = null;
        output.Append('<').Append(element.Name);
        foreach (var (prefix, uri) in needed)
        {
            var inherited = rendered.TryGetValue(prefix, out var current) ? current : "";
            if (inherited == uri)
            {
                continue;
            }
            output.Append(prefix.Length == 0 ? " xmlns=\"" : " xmlns:" + prefix + "=\"");
            AppendAttributeValue(output, uri);
            output.Append('"');
            context ??= new Dictionary<string, string>(rendered, StringComparer.Ordinal);
            context[prefix] = uri;
        }
        attributes.Sort(static (a, b) =>
        {
            var byNamespace = string.CompareOrdinal(a.NamespaceURI, b.NamespaceURI);
            return byNamespace != 0 ? byNamespace : string.CompareOrdinal(a.LocalName, b.LocalName);
        });
        foreach (var attribute in attributes)
        {
            output.Append(' ').Append(attribute.Name).Append("=\"");
            AppendAttributeValue(output, attribute.Value);
            output.Append('"');
        }
        output.Append('>');
        var childContext = context ?? rendered;
        for (var child = element.FirstChild; child is not null; child = child.NextSibling)
        {
            switch (child)
            {
                case XmlElement childElement:
                    WriteElement(childElement, childContext, output);
                    break;
                case XmlCharacterData text when child.NodeType is XmlNodeType.Text or XmlNodeType.CDATA or XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace:
                    AppendText(output, text.Data);
                    break;
                case XmlProcessingInstruction instruction:
                    output.Append("<?").Append(instruction.Target);
                    if (instruction.Data.Length > 0)
                    {
                        output.Append(' ').Append(instruction.Data);
                    }
                    output.Append("?>");
                    break;
                case XmlComment:
                    break;
                default:
                    throw new NotSupportedException($"Cannot canonicalise a {child.NodeType} node.");
            }
        }
        output.Append("</").Append(element.Name).Append('>');
    }

    private static void AppendText(StringBuilder output, string text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '&' => output.Append("&amp;"),
                '<' => output.Append("&lt;"),
                '>' => output.Append("&gt;"),
                '\r' => output.Append("&#xD;"),
                _ => output.Append(c),
            };
        }
    }

    private static void AppendAttributeValue(StringBuilder output, string value)
    {
        foreach (var c in value)
        {
            _ = c switch
            {
                '&' => output.Append("&amp;"),
                '<' => output.Append("&lt;"),
                '"' => output.Append("&quot;"),
                '\t' => output.Append("&#x9;"),
                '\n' => output.Append("&#xA;"),
                '\r' => output.Append("&#xD;"),
                _ => output.Append(c),
            };
        }
    }
}
