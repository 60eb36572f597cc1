using System.Text;
using System.Xml;
using System.Xml.Schema;
using Caravan.Documents.Common;
using static Caravan.Documents.Origin.CertificateOfOriginErrorCodes;

namespace Caravan.Documents.Origin;

/// <summary>
/// The XML format of a certificate of origin in the namespace <see cref="Namespace"/>, described by
/// <c>CertificateOfOrigin-1.xsd</c> (embedded; see <see cref="Schemas"/>). Reading checks the schema first and
/// reports each violation with its line, then maps the XML to the model and runs
/// <see cref="CertificateOfOriginValidator"/>. Bad input never throws; DTDs and external entities are refused.
/// </summary>
public static class CertificateOfOriginXml
{
    public const string Namespace = "urn:caravan:certificate-of-origin:1";

    /// <summary>The manifest resource name of the XSD inside Caravan.dll.</summary>
    public const string SchemaResourceName = "Caravan.Documents.Origin.Schemas.CertificateOfOrigin-1.xsd";

    /// <summary>Inputs larger than this many characters are refused (a certificate is a few kilobytes).</summary>
    public const long MaxDocumentCharacters = 4 * 1024 * 1024;

    private static readonly Lazy<XmlSchemaSet> LazySchemas = new(LoadSchemas, LazyThreadSafetyMode.ExecutionAndPublication);


    /// <summary>The compiled schema set (compiled once; shared, do not modify).</summary>
    public static XmlSchemaSet Schemas => LazySchemas.Value;

    /// <summary>Writes the certificate as the document element through <paramref name="writer"/> (no XML declaration).</summary>
    public static void Write(XmlWriter writer, CertificateOfOrigin certificate)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(certificate);
        CertificateOfOriginXmlWriter.WriteElement(writer, certificate);
    }

    /// <summary>Writes a UTF-8 XML document (with declaration, no indentation) to <paramref name="output"/>.</summary>
    public static void Write(Stream output, CertificateOfOrigin certificate)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(certificate);
        DocumentXmlOutput.Write(output, writer => CertificateOfOriginXmlWriter.WriteElement(writer, certificate));
    }

    public static byte[] ToUtf8Bytes(CertificateOfOrigin certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return DocumentXmlOutput.ToUtf8Bytes(writer => CertificateOfOriginXmlWriter.WriteElement(writer, certificate), 4096);
    }

    /// <summary>
    /// Builds the certificate directly as a DOM (with <see cref="XmlDocument.PreserveWhitespace"/> on), ready to be
    /// signed with <c>Caravan.Trust.XmlDocumentSigner</c>.
    /// </summary>
    public static XmlDocument ToXmlDocument(CertificateOfOrigin certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return DocumentXmlOutput.ToXmlDocument(writer => CertificateOfOriginXmlWriter.WriteElement(writer, certificate));
    }

    /// <summary>Reads, schema-checks, maps and validates UTF-8 (or BOM-marked) XML.</summary>
    public static DocumentResult<CertificateOfOrigin> Read(
        ReadOnlyMemory<byte> xml, CertificateOfOriginStage stage = CertificateOfOriginStage.Issued)
    {
        return Read(() => AsStream(xml), stage);
    }

    /// <summary>Reads, schema-checks, maps and validates XML text.</summary>
    public static DocumentResult<CertificateOfOrigin> Read(
        string xml, CertificateOfOriginStage stage = CertificateOfOriginStage.Issued)
    {
        ArgumentNullException.ThrowIfNull(xml);
        return Read(() => new StringReader(xml), stage);
    }

    /// <summary>Reads a certificate from a loaded DOM, e.g. after verifying its signature. Errors carry no line numbers.</summary>
    public static DocumentResult<CertificateOfOrigin> Read(
        XmlDocument document, CertificateOfOriginStage stage = CertificateOfOriginStage.Issued)
    {
        ArgumentNullException.ThrowIfNull(document);
        var errors = new List<DocumentError>();
        using (var reader = XmlReader.Create(new XmlNodeReader(document), ValidatingSettings(errors, out var tracker)))
        {
            Validate(reader, tracker, errors);
        }
        if (errors.Count > 0)
        {
            return new(null, errors);
        }
        using (var reader = new XmlNodeReader(document))
        {
            return Map(reader, errors, stage);
        }
    }

    /// <summary>Reads a certificate from a stream, which is buffered (up to the size limit) for the two passes.</summary>
    public static async Task<DocumentResult<CertificateOfOrigin>> ReadAsync(
        Stream xml, CertificateOfOriginStage stage, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(xml);
        using var buffer = new MemoryStream();
        var chunk = new byte[16384];
        int read;
        while ((read = await xml.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxDocumentCharacters * 4)
            {
                return new(null, [new DocumentError(string.Empty, XmlSyntax, "The document is too large.")]);
            }
            buffer.Write(chunk, 0, read);
        }
        return Read(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), stage);
    }

    private static DocumentResult<CertificateOfOrigin> Read(Func<TextReader> open, CertificateOfOriginStage stage)
    {
        var errors = new List<DocumentError>();
        using (var text = open())
        using (var reader = XmlReader.Create(text, ValidatingSettings(errors, out var tracker)))
        {
            Validate(reader, tracker, errors);
        }
        if (errors.Count > 0)
        {
            return new(null, errors);
        }
        using (var text = open())
        using (var reader = XmlReader.Create(text, MappingSettings()))
        {
            return Map(reader, errors, stage);
        }
    }

    private static DocumentResult<CertificateOfOrigin> Map(XmlReader reader, List<DocumentError> errors, CertificateOfOriginStage stage)
    {
        var certificate = CertificateOfOriginXmlReader.Map(reader, errors);
        var businessErrors = CertificateOfOriginValidator.Validate(certificate, stage);
        if (errors.Count == 0)
        {
            return new(certificate, businessErrors);
        }
        // A value the model cannot hold (unknown HS code...) was left null: do not also call it missing.
        var badPaths = errors.Select(e => e.Path).ToHashSet(StringComparer.Ordinal);
        errors.AddRange(businessErrors.Where(e => !(e.Code == Required && badPaths.Contains(e.Path))));
        return new(null, errors);
    }

    private static void Validate(XmlReader reader, XmlPathTracker tracker, List<DocumentError> errors)
    {
        try
        {
            while (reader.Read())
            {
                tracker.Advance(reader);
            }
        }
        catch (XmlException ex)
        {
            errors.Add(new DocumentError(tracker.CurrentPath(reader), XmlSyntax, ex.Message)
            {
                Line = ex.LineNumber > 0 ? ex.LineNumber : null,
                Column = ex.LinePosition > 0 ? ex.LinePosition : null,
            });
        }
    }

    private static XmlReaderSettings ValidatingSettings(List<DocumentError> errors, out XmlPathTracker tracker)
    {
        var settings = MappingSettings();
        settings.ValidationType = ValidationType.Schema;
        settings.ValidationFlags = XmlSchemaValidationFlags.ReportValidationWarnings;
        settings.Schemas = Schemas;
        // Paths use the JSON names, so that an error names the same field in both formats.
        var pathTracker = new XmlPathTracker(static (localName, _) => localName switch
        {
            "Item" => ("items", true),
            "AddressLine" => ("addressLines", true),
            _ => (char.ToLowerInvariant(localName[0]) + localName[1..], false),
        });
        tracker = pathTracker;
        settings.ValidationEventHandler += (sender, e) =>
        {
            var path = sender is XmlReader current ? pathTracker.CurrentPath(current) : string.Empty;
            errors.Add(new DocumentError(path, CertificateOfOriginErrorCodes.XmlSchema, e.Message)
            {
                Line = e.Exception.LineNumber > 0 ? e.Exception.LineNumber : null,
                Column = e.Exception.LinePosition > 0 ? e.Exception.LinePosition : null,
            });
        };
        return settings;
    }

    private static XmlReaderSettings MappingSettings() => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        MaxCharactersInDocument = MaxDocumentCharacters,
        CloseInput = false,
    };

    private static XmlSchemaSet LoadSchemas()
    {
        using var stream = typeof(CertificateOfOriginXml).Assembly.GetManifestResourceStream(SchemaResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {SchemaResourceName} is missing from the build.");
        using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
        var set = new XmlSchemaSet { XmlResolver = null };
        set.Add(Namespace, reader);
        set.Compile();
        return set;
    }

    private static StreamReader AsStream(ReadOnlyMemory<byte> bytes)
    {
        Stream stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(bytes.ToArray(), writable: false);
        return new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
    }

    internal static string ModeName(TransportMode mode) => mode switch
    {
        TransportMode.Maritime => "maritime",
        TransportMode.Rail => "rail",
        TransportMode.Road => "road",
        TransportMode.Air => "air",
        TransportMode.Mail => "mail",
        TransportMode.Multimodal => "multimodal",
        TransportMode.FixedInstallation => "fixedInstallation",
        TransportMode.InlandWaterway => "inlandWaterway",
        _ => throw new ArgumentOutOfRangeException(nameof(mode), mode, "Unknown transport mode."),
    };

    internal static TransportMode? ParseMode(string text) => text switch
    {
        "maritime" => TransportMode.Maritime,
        "rail" => TransportMode.Rail,
        "road" => TransportMode.Road,
        "air" => TransportMode.Air,
        "mail" => TransportMode.Mail,
        "multimodal" => TransportMode.Multimodal,
        "fixedInstallation" => TransportMode.FixedInstallation,
        "inlandWaterway" => TransportMode.InlandWaterway,
        _ => null,
    };

    internal static string CriterionCode(OriginCriterionKind kind) => kind switch
    {
        OriginCriterionKind.WhollyObtained => "WO",
        OriginCriterionKind.ProducedEntirely => "PE",
        OriginCriterionKind.RegionalValueContent => "RVC",
        OriginCriterionKind.ChangeInChapter => "CC",
        OriginCriterionKind.ChangeInTariffHeading => "CTH",
        OriginCriterionKind.ChangeInTariffSubheading => "CTSH",
        OriginCriterionKind.ProductSpecificRule => "PSR",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown origin criterion."),
    };

    internal static OriginCriterionKind? ParseCriterion(string text) => text switch
    {
        "WO" => OriginCriterionKind.WhollyObtained,
        "PE" => OriginCriterionKind.ProducedEntirely,
        "RVC" => OriginCriterionKind.RegionalValueContent,
        "CC" => OriginCriterionKind.ChangeInChapter,
        "CTH" => OriginCriterionKind.ChangeInTariffHeading,
        "CTSH" => OriginCriterionKind.ChangeInTariffSubheading,
        "PSR" => OriginCriterionKind.ProductSpecificRule,
        _ => null,
    };
}
