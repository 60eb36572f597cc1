using System.Text;
using System.Xml;

namespace Caravan.Trust;

/// <summary>
/// Loads and saves XML documents for signing and verification: whitespace preserved (so signatures survive a
/// round trip), DTDs and external resources refused, size bounded; saved as UTF-8 without BOM or indentation.
/// </summary>
public static class SecureXml
{
    /// <summary>Inputs larger than this many characters are refused.</summary>
    public const long MaxDocumentCharacters = 16 * 1024 * 1024;

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
    };

    /// <summary>Parses the bytes; <paramref name="error"/> says why when the XML is not well-formed or uses a DTD.</summary>
    public static bool TryLoad(ReadOnlyMemory<byte> xml, out XmlDocument document, out string? error)
    {
        document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = MaxDocumentCharacters,
        };
        var stream = System.Runtime.InteropServices.MemoryMarshal.TryGetArray(xml, out var segment) && segment.Array is not null
            ? new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false)
            : new MemoryStream(xml.ToArray(), writable: false);
        try
        {
            using (stream)
            using (var reader = XmlReader.Create(stream, settings))
            {
                document.Load(reader);
            }
            error = null;
            return true;
        }
        catch (XmlException ex)
        {
            error = ex.Message;
            return false;
        }
    }

    public static byte[] ToUtf8Bytes(XmlDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        using var buffer = new MemoryStream(4096);
        using (var writer = XmlWriter.Create(buffer, WriterSettings))
        {
            document.Save(writer);
        }
        return buffer.ToArray();
    }
}
