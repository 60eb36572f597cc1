using System.Xml;

namespace Caravan.Exchange.As4.Security;

/// <summary>Small namespace-aware DOM lookups used by the encryption code.</summary>
internal static class EncryptionXml
{
    public static XmlElement? Child(XmlElement parent, string namespaceUri, string localName)
    {
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement element && element.LocalName == localName && element.NamespaceURI == namespaceUri)
            {
                return element;
            }
        }
        return null;
    }

    public static IEnumerable<XmlElement> Children(XmlElement parent, string namespaceUri, string localName)
    {
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement element && element.LocalName == localName && element.NamespaceURI == namespaceUri)
            {
                yield return element;
            }
        }
    }

    public static IEnumerable<XmlElement> Descendants(XmlElement root) => root.GetElementsByTagName("*").OfType<XmlElement>();

    public static IEnumerable<XmlElement> Descendants(XmlNode root, string namespaceUri, string localName) =>
        root switch
        {
            XmlDocument document => document.GetElementsByTagName(localName, namespaceUri).OfType<XmlElement>(),
            XmlElement element => element.GetElementsByTagName(localName, namespaceUri).OfType<XmlElement>(),
            _ => [],
        };

    /// <summary>The element whose wsu:Id, Id or xml:id equals <paramref name="id"/>.</summary>
    public static XmlElement? FindById(XmlDocument? document, string id)
    {
        if (document?.DocumentElement is null || id.Length == 0)
        {
            return null;
        }
        foreach (var element in document.GetElementsByTagName("*").OfType<XmlElement>())
        {
            if (element.GetAttribute("Id", EncryptionUris.Wsu) == id
                || element.GetAttribute("Id") == id
                || element.GetAttribute("id", "http://www.w3.org/XML/1998/namespace") == id)
            {
                return element;
            }
        }
        return null;
    }
}
