using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using System.Xml.Schema;
using Caravan.Documents.Common;
using static Caravan.Documents.Phyto.PhytoErrorCodes;

namespace Caravan.Documents.Phyto;

/// <summary>
/// The UN/CEFACT SPSCertificate XML form of an ePhyto certificate, as exchanged through the IPPC hub. Writing
/// follows the element order of the hub schemas (embedded, <see cref="Schemas"/>), so Caravan's output validates
/// with zero errors. Reading checks those schemas first (errors in <see cref="PhytoReadMode.Strict"/>, warnings in
/// <see cref="PhytoReadMode.Lenient"/>), maps the XML to the model and runs <see cref="PhytoValidator"/>. Every
/// problem carries a path and, from text input, a line and column. Bad input never throws; DTDs are refused.
/// </summary>
public static class PhytoXml
{
    public const string RsmNamespace = "urn:un:unece:uncefact:data:standard:SPSCertificate:17";
    public const string RamNamespace = "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:21";
    public const string UdtNamespace = "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:21";
    public const string QdtNamespace = "urn:un:unece:uncefact:data:Standard:QualifiedDataType:21";

    /// <summary>The manifest resource names of the hub schemas inside Caravan.dll start with this.</summary>
    public const string SchemaResourcePrefix = "Caravan.Documents.Phyto.Schemas.";

    /// <summary>Inputs larger than this many characters are refused (attachments make certificates large).</summary>
    public const long MaxDocumentCharacters = 32 * 1024 * 1024;

    private static readonly Lazy<XmlSchemaSet> LazySchemas = new(LoadSchemas, LazyThreadSafetyMode.ExecutionAndPublication);


    /// <summary>The compiled hub schema set (compiled once; shared, do not modify).</summary>
    public static XmlSchemaSet Schemas => LazySchemas.Value;

    /// <summary>Writes the certificate as the document element through <paramref name="writer"/>.</summary>
    public static void Write(XmlWriter writer, PhytosanitaryCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(certificate);
        PhytoXmlWriter.WriteElement(writer, certificate);
    }

    /// <summary>Writes a UTF-8 XML document (with declaration, no indentation) to <paramref name="output"/>.</summary>
    public static void Write(Stream output, PhytosanitaryCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(certificate);
        DocumentXmlOutput.Write(output, writer => PhytoXmlWriter.WriteElement(writer, certificate));
    }

    public static byte[] ToUtf8Bytes(PhytosanitaryCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return DocumentXmlOutput.ToUtf8Bytes(writer => PhytoXmlWriter.WriteElement(writer, certificate), 8192);
    }

    /// <summary>Builds the certificate as a DOM (whitespace preserved), ready to be signed.</summary>
    public static XmlDocument ToXmlDocument(PhytosanitaryCertificate certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return DocumentXmlOutput.ToXmlDocument(writer => PhytoXmlWriter.WriteElement(writer, certificate));
    }

    /// <summary>Reads, schema-checks, maps and validates UTF-8 (or BOM-marked) XML.</summary>
    public static DocumentResult<PhytosanitaryCertificate> Read(ReadOnlyMemory<byte> xml, PhytoReadMode mode = PhytoReadMode.Strict) =>
        Analyze(xml, mode).ToDocumentResult();

    /// <summary>Reads, schema-checks, maps and validates XML text.</summary>
    public static DocumentResult<PhytosanitaryCertificate> Read(string xml, PhytoReadMode mode = PhytoReadMode.Strict) =>
        Analyze(xml, mode).ToDocumentResult();

    /// <summary>Reads a certificate from a stream (buffered up to the size limit for the two passes).</summary>
    public static DocumentResult<PhytosanitaryCertificate> Read(Stream xml, PhytoReadMode mode = PhytoReadMode.Strict)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = xml.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > MaxDocumentCharacters * 4)
            {
                return new(null, [TooLarge()]);
            }
            buffer.Write(chunk, 0, read);
        }
        return Read(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), mode);
    }

    /// <summary>Reads a certificate from a stream asynchronously (buffered up to the size limit).</summary>
    public static async Task<DocumentResult<PhytosanitaryCertificate>> ReadAsync(
        Stream xml, PhytoReadMode mode, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await xml.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxDocumentCharacters * 4)
            {
                return new(null, [TooLarge()]);
            }
            buffer.Write(chunk, 0, read);
        }
        return Read(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), mode);
    }

    /// <summary>Reads a certificate from a loaded DOM (e.g. after its signature was verified). Errors carry no line numbers.</summary>
    public static DocumentResult<PhytosanitaryCertificate> Read(XmlDocument document, PhytoReadMode mode = PhytoReadMode.Strict) =>
        Analyze(document, mode).ToDocumentResult();

    /// <summary>Like <see cref="Read(ReadOnlyMemory{byte}, PhytoReadMode)"/>, keeping the warnings.</summary>
    public static PhytoReadResult Analyze(ReadOnlyMemory<byte> xml, PhytoReadMode mode = PhytoReadMode.Strict) =>
        Analyze(() => XmlReader.Create(AsReader(xml), ReaderSettings()), mode);

    /// <summary>Like <see cref="Read(string, PhytoReadMode)"/>, keeping the warnings.</summary>
    public static PhytoReadResult Analyze(string xml, PhytoReadMode mode = PhytoReadMode.Strict)
    {
        ArgumentNullException.ThrowIfNull(xml);
        return Analyze(() => XmlReader.Create(new StringReader(xml), ReaderSettings()), mode);
    }

    /// <summary>Like <see cref="Read(XmlDocument, PhytoReadMode)"/>, keeping the warnings.</summary>
    public static PhytoReadResult Analyze(XmlDocument document, PhytoReadMode mode = PhytoReadMode.Strict)
    {
        ArgumentNullException.ThrowIfNull(document);
        return Analyze(() => XmlReader.Create(new XmlNodeReader(document), ReaderSettings()), mode);
    }

    /// <summary>Only the hub-schema check: every schema violation with its XML path, line and column.</summary>
    public static IReadOnlyList<DocumentError> ValidateSchema(ReadOnlyMemory<byte> xml)
    {
        var errors = new List<DocumentError>();
        SchemaPass(() => XmlReader.Create(AsReader(xml), ReaderSettings()), errors);
        return errors;
    }

    /// <summary>Only the hub-schema check on XML text.</summary>
    public static IReadOnlyList<DocumentError> ValidateSchema(string xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        var errors = new List<DocumentError>();
        SchemaPass(() => XmlReader.Create(new StringReader(xml), ReaderSettings()), errors);
        return errors;
    }

    private static PhytoReadResult Analyze(Func<XmlReader> open, PhytoReadMode mode)
    {
        var schemaErrors = new List<DocumentError>();
        if (!SchemaPass(open, schemaErrors))
        {
            return new(null, schemaErrors, []); // not well-formed: nothing to map
        }
        var warnings = new List<DocumentError>();
        if (schemaErrors.Count > 0)
        {
            if (mode == PhytoReadMode.Strict)
            {
                return new(null, schemaErrors, []);
            }
            warnings.AddRange(schemaErrors);
        }

        var errors = new List<DocumentError>();
        PhytosanitaryCertificate certificate;
        using (var reader = open())
        {
            certificate = PhytoXmlReader.Map(reader, errors, warnings);
        }
        var businessErrors = PhytoValidator.Validate(certificate);
        if (errors.Count == 0)
        {
            return new(certificate, businessErrors, warnings);
        }
        // A value the model could not hold was left null: do not also call it missing.
        var badPaths = errors.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(businessErrors.Where(e => !(e.Code == Required && badPaths.Contains(e.Path))));
        return new(certificate, errors, warnings);
    }

    // Returns false when the XML is not well-formed (the syntax error is then in errors).
    private static bool SchemaPass(Func<XmlReader> open, List<DocumentError> errors)
    {
        // Paths are the XML local names, with [i] for the i-th (zero-based) repeat of a name when i > 0.
        var tracker = new XmlPathTracker(static (localName, index) => (localName, index > 0));
        var settings = new XmlReaderSettings
        {
            ValidationType = ValidationType.Schema,
            ValidationFlags = XmlSchemaValidationFlags.None,
            Schemas = Schemas,
        };
        settings.ValidationEventHandler += (sender, e) =>
        {
            if (e.Severity != XmlSeverityType.Error)
            {
                return;
            }
            var current = sender as XmlReader;
            // An enveloped signature (ds:Signature under the document element) is not part of the hub schema.
            if (current is not null && current.NamespaceURI == SignedXml.XmlDsigNamespaceUrl
                && (tracker.Depth == 1 || current.NodeType != XmlNodeType.Element))
            {
                return;
            }
            errors.Add(new DocumentError(current is null ? string.Empty : tracker.CurrentPath(current), PhytoErrorCodes.XmlSchema, e.Message)
            {
                Line = e.Exception.LineNumber > 0 ? e.Exception.LineNumber : null,
                Column = e.Exception.LinePosition > 0 ? e.Exception.LinePosition : null,
            });
        };
        using var inner = open();
        using var reader = XmlReader.Create(inner, settings);
        try
        {
            while (reader.Read())
            {
                tracker.Advance(reader);
            }
            return true;
        }
        catch (XmlException ex)
        {
            errors.Clear(); // schema errors before a syntax error are noise
            errors.Add(new DocumentError(tracker.CurrentPath(reader), XmlSyntax, ex.Message)
            {
                Line = ex.LineNumber > 0 ? ex.LineNumber : null,
                Column = ex.LinePosition > 0 ? ex.LinePosition : null,
            });
            return false;
        }
    }

    private static XmlReaderSettings ReaderSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersInDocument = MaxDocumentCharacters,
        CloseInput = true,
    };

    private static DocumentError TooLarge() => new(string.Empty, XmlSyntax, "The document is too large.");

    private static XmlSchemaSet LoadSchemas() => EmbeddedSchemas.Load(SchemaResourcePrefix, "ePhyto hub");

    private static StreamReader AsReader(ReadOnlyMemory<byte> bytes)
    {
        Stream stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
        return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
    }
}
