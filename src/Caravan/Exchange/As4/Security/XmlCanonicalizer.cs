using System.Security.Cryptography.Xml;
using System.Xml;

namespace Caravan.Exchange.As4.Security;

/// <summary>
/// Canonicalises one element of a document as XMLDSig does for a same-document reference: the element's subtree
/// with the namespace declarations it inherits from its ancestors, rendered with (exclusive) C14N.
/// </summary>
internal static class XmlCanonicalizer
{
    public const string InclusiveC14N = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315";
    public const string InclusiveC14NWithComments = "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments";

    public static bool IsSupported(string algorithm) =>
        algorithm is As4Namespaces.ExcC14N or As4Namespaces.ExcC14NWithComments or InclusiveC14N or InclusiveC14NWithComments;

    /// <summary>Returns the canonical octets of <paramref name="element"/> in a stream positioned at 0.</summary>
    public static Stream Canonicalize(XmlElement element, string algorithm, string? inclusivePrefixes) =>
        algorithm == As4Namespaces.ExcC14N && string.IsNullOrEmpty(inclusivePrefixes)
            ? new MemoryStream(ExclusiveCanonicalWriter.Canonicalize(element), writable: false)
            : WithFramework(element, algorithm, inclusivePrefixes);

    /// <summary>The digest of <paramref name="element"/>'s canonical octets.</summary>
    public static byte[] Digest(XmlElement element, string algorithm, string? inclusivePrefixes, System.Security.Cryptography.HashAlgorithmName hash)
    {
        if (algorithm == As4Namespaces.ExcC14N && string.IsNullOrEmpty(inclusivePrefixes))
        {
            return ExclusiveCanonicalWriter.Digest(element, hash);
        }
        using var canonical = WithFramework(element, algorithm, inclusivePrefixes);
        return DigestAlgorithms.HashStream(canonical, hash);
    }

    /// <summary>The framework's transforms, for the other algorithms and prefix lists (and as the reference in tests).</summary>
    internal static Stream WithFramework(XmlElement element, string algorithm, string? inclusivePrefixes)
    {
        var isolated = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var copy = (XmlElement)isolated.ImportNode(element, deep: true);
        isolated.AppendChild(copy);
        for (var node = element.ParentNode; node is XmlElement ancestor; node = node.ParentNode)
        {
            foreach (XmlAttribute attribute in ancestor.Attributes)
            {
                if (attribute.NamespaceURI == "http://www.w3.org/2000/xmlns/" && !copy.HasAttribute(attribute.Name))
                {
                    copy.SetAttributeNode((XmlAttribute)isolated.ImportNode(attribute, deep: true));
                }
            }
        }
        Transform transform = algorithm switch
        {
            As4Namespaces.ExcC14N => new XmlDsigExcC14NTransform(false, inclusivePrefixes),
            As4Namespaces.ExcC14NWithComments => new XmlDsigExcC14NTransform(true, inclusivePrefixes),
            InclusiveC14N => new XmlDsigC14NTransform(false),
            InclusiveC14NWithComments => new XmlDsigC14NTransform(true),
            _ => throw new ArgumentException("Unsupported canonicalization " + algorithm, nameof(algorithm)),
        };
        transform.LoadInput(isolated);
        return (Stream)transform.GetOutput(typeof(Stream));
    }

    /// <summary>The PrefixList of an ec:InclusiveNamespaces child of a Transform or CanonicalizationMethod element.</summary>
    public static string? InclusivePrefixes(XmlElement transformElement)
    {
        var inclusive = XmlHelpers.FirstChild(transformElement, "InclusiveNamespaces", As4Namespaces.ExcC14N);
        return inclusive is null ? null : XmlHelpers.Attr(inclusive, "PrefixList");
    }
}
