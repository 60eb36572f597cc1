using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using System.Xml;
using Caravan.Documents.Declarations;
using Caravan.Documents.Origin;
using Caravan.Documents.Phyto;

namespace Caravan.Cli.Documents;

/// <summary>
/// Tells which document a file holds without validating it: XML by the namespace and name of its root element, JSON
/// by its top-level members (compared with the members of each JSON model). Detection reads only as far as it needs;
/// a file that is neither, or that could be more than one kind, is reported with the reason.
/// </summary>
public static class DocumentKindDetector
{
    private static readonly (DocumentKind Kind, HashSet<string> Members)[] JsonModels =
    [
        (DocumentKind.DeclarationJson, MembersOf(DeclarationJsonContext.Default.CustomsDeclaration)),
        (DocumentKind.OriginJson, MembersOf(CertificateOfOriginJsonContext.Default.CertificateOfOrigin)),
        (DocumentKind.EphytoJson, MembersOf(PhytoJsonContext.Default.PhytosanitaryCertificate)),
    ];

    /// <summary>Detects the kind of <paramref name="content"/>; on failure <paramref name="problem"/> says why.</summary>
    public static bool TryDetect(ReadOnlyMemory<byte> content, out DocumentKind kind, out string problem)
    {
        var span = content.Span;
        var start = span.StartsWith("\uFEFF"u8) ? 3 : 0;
        while (start < span.Length && span[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }
        if (start == span.Length)
        {
            kind = default;
            problem = "the file is empty";
            return false;
        }
        return span[start] is (byte)'{' or (byte)'['
            ? TryDetectJson(content[start..], out kind, out problem)
            : TryDetectXml(content, out kind, out problem);
    }

    private static bool TryDetectXml(ReadOnlyMemory<byte> content, out DocumentKind kind, out string problem)
    {
        kind = default;
        string namespaceUri, localName;
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                XmlResolver = null,
                IgnoreComments = true,
                IgnoreProcessingInstructions = true,
            });
            reader.MoveToContent();
            namespaceUri = reader.NamespaceURI;
            localName = reader.LocalName;
        }
        catch (XmlException ex)
        {
            problem = $"neither JSON nor readable XML (line {ex.LineNumber}, position {ex.LinePosition}: {ex.Message})";
            return false;
        }
        if (WcoDms.IsDeclarationRoot(namespaceUri, localName))
        {
            kind = DocumentKind.DeclarationXml;
        }
        else if (namespaceUri == PhytoXml.RsmNamespace && localName == "SPSCertificate")
        {
            kind = DocumentKind.EphytoXml;
        }
        else if (namespaceUri == CertificateOfOriginXml.Namespace)
        {
            kind = DocumentKind.OriginXml;
        }
        else
        {
            problem = namespaceUri.StartsWith("urn:wco:datamodel:", StringComparison.Ordinal)
                ? $"XML root {{{namespaceUri}}}{localName} is a WCO DMS message but not a declaration (only DEC-DMS declarations are validated)"
                : $"unknown XML root element {{{namespaceUri}}}{localName}";
            return false;
        }
        problem = string.Empty;
        return true;
    }

    private static bool TryDetectJson(ReadOnlyMemory<byte> content, out DocumentKind kind, out string problem)
    {
        kind = default;
        List<string> members;
        try
        {
            using var document = JsonDocument.Parse(content, new JsonDocumentOptions { MaxDepth = 64 });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = "the JSON is not an object, so it is no Caravan document";
                return false;
            }
            members = [.. document.RootElement.EnumerateObject().Select(p => p.Name)];
        }
        catch (JsonException ex)
        {
            problem = $"unreadable JSON (line {ex.LineNumber + 1}, position {ex.BytePositionInLine + 1}: {ex.Message})";
            return false;
        }
        // The JSON models refuse unknown members, so a document of a kind has only that kind's members; when none
        // fits exactly, the kind sharing the most members is meant (its reader names the strangers).
        var exact = JsonModels.Where(m => members.Count > 0 && members.All(m.Members.Contains)).ToList();
        var candidates = exact.Count > 0
            ? exact
            : JsonModels.Select(m => (m.Kind, m.Members, Shared: members.Count(m.Members.Contains)))
                .Where(m => m.Shared > 0)
                .GroupBy(m => m.Shared)
                .OrderByDescending(g => g.Key)
                .FirstOrDefault()?.Select(m => (m.Kind, m.Members)).ToList() ?? [];
        if (candidates.Count == 1)
        {
            kind = candidates[0].Kind;
            problem = string.Empty;
            return true;
        }
        problem = candidates.Count == 0
            ? "the JSON object's members match no Caravan document"
            : $"the JSON object could be any of {string.Join(", ", candidates.Select(c => DocumentKinds.NameOf(c.Kind)))}";
        return false;
    }

    private static HashSet<string> MembersOf(JsonTypeInfo type) => [.. type.Properties.Select(p => p.Name)];
}
