using System.Text.Json;
using System.Xml;
using Caravan.Documents.Acdd;
using Caravan.Documents.Common;
using Caravan.Documents.Declarations;
using Caravan.Documents.Origin;
using Caravan.Documents.Phyto;

namespace Caravan.Documents;

/// <summary>
/// Recognises a trade document by its content and checks it against its schema and business rules: a WCO DMS
/// declaration (XML), an ePhyto SPSCertificate (XML or JSON), a certificate of origin (XML or JSON), a goods
/// declaration or an ACDD (JSON). XML is recognised by its root element, JSON by its members. Used by
/// <c>caravan doc validate</c>.
/// </summary>
public static class DocumentValidation
{
    /// <summary>Largest document checked (32 MiB).</summary>
    public const int MaxBytes = 32 * 1024 * 1024;

    /// <summary>What was found: the document type (null when not recognised), errors (empty: valid) and warnings.</summary>
    public sealed record Report(string? DocumentType, IReadOnlyList<DocumentError> Errors, IReadOnlyList<DocumentError> Warnings)
    {
        public bool IsRecognised => DocumentType is not null;

        public bool IsValid => IsRecognised && Errors.Count == 0;
    }

    public static Report Validate(ReadOnlyMemory<byte> content)
    {
        var span = content.Span;
        var start = 0;
        if (span.StartsWith("\uFEFF"u8))
        {
            start = 3;
        }
        while (start < span.Length && span[start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            start++;
        }
        if (start >= span.Length)
        {
            return new(null, [new DocumentError(string.Empty, "document.empty", "The file is empty.")], []);
        }
        return span[start] switch
        {
            (byte)'<' => ValidateXml(content),
            (byte)'{' => ValidateJson(content[start..]),
            _ => new(null, [new DocumentError(string.Empty, "document.unknown", "The file is neither XML nor JSON.")], []),
        };
    }

    private static Report ValidateXml(ReadOnlyMemory<byte> content)
    {
        string? ns;
        string name;
        try
        {
            using var stream = new MemoryStream(content.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null, IgnoreComments = true });
            reader.MoveToContent();
            (ns, name) = (reader.NamespaceURI, reader.LocalName);
        }
        catch (XmlException ex)
        {
            return new(null, [new DocumentError(string.Empty, "xml.syntax", ex.Message) { Line = ex.LineNumber, Column = ex.LinePosition }], []);
        }
        if (WcoDms.IsDeclarationRoot(ns, name))
        {
            var read = WcoDms.Read(content);
            return !read.IsValid
                ? new("WCO DMS declaration (XML)", read.Errors, read.Warnings)
                : new("WCO DMS declaration (XML)", DeclarationValidator.Validate(read.Declaration!), read.Warnings);
        }
        if (ns == PhytoXml.RsmNamespace && name == "SPSCertificate")
        {
            var read = PhytoXml.Read(content);
            return new("ePhyto SPSCertificate (XML)", read.Errors, []);
        }
        if (ns == CertificateOfOriginXml.Namespace)
        {
            var application = CertificateOfOriginXml.Read(content, CertificateOfOriginStage.Application);
            var read = application.Document?.CertificateNumber is null ? application : CertificateOfOriginXml.Read(content, CertificateOfOriginStage.Issued);
            return new("certificate of origin (XML)", read.Errors, []);
        }
        return new(null, [new DocumentError(string.Empty, "document.unknown", $"No known document has the root element {{{ns}}}{name}.")], []);
    }

    private static Report ValidateJson(ReadOnlyMemory<byte> content)
    {
        HashSet<string> members;
        try
        {
            using var document = JsonDocument.Parse(content);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return new(null, [new DocumentError(string.Empty, "document.unknown", "The JSON is not an object.")], []);
            }
            members = document.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.Ordinal);
        }
        catch (JsonException ex)
        {
            return new(null, [new DocumentError(string.Empty, "json.invalid", ex.Message) { Line = ex.LineNumber is { } l ? (int)l + 1 : null }], []);
        }
        if (members.Contains("consignment") && members.Contains("document"))
        {
            return new("ePhyto SPSCertificate (JSON)", PhytoJson.Read(content.Span).Errors, []);
        }
        if (members.Contains("exportDeclarationNumber"))
        {
            return new("ACDD (JSON)", AcddJson.Read(content.Span).Errors, []);
        }
        if (members.Contains("typeCode") || members.Contains("functionalReference"))
        {
            var read = DeclarationJson.Read(System.Text.Encoding.UTF8.GetString(content.Span));
            return new("goods declaration (JSON)", read.Document is null ? read.Errors : DeclarationValidator.Validate(read.Document), []);
        }
        if (members.Contains("exporter") && (members.Contains("certificateNumber") || members.Contains("importingCountry") || members.Contains("issuingCountry") || members.Contains("agreement")))
        {
            var application = CertificateOfOriginJson.Read(content.Span, CertificateOfOriginStage.Application);
            var read = application.Document?.CertificateNumber is null ? application : CertificateOfOriginJson.Read(content.Span, CertificateOfOriginStage.Issued);
            return new("certificate of origin (JSON)", read.Errors, []);
        }
        return new(null, [new DocumentError(string.Empty, "document.unknown", "The JSON's members match no known document (declaration, certificate of origin, ePhyto, ACDD).")], []);
    }
}
