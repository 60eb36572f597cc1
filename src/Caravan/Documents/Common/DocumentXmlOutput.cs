using System.Text;
using System.Xml;

namespace Caravan.Documents.Common;

/// <summary>
/// How every document format writes itself as a whole XML document: UTF-8 without BOM, with a declaration, no
/// indentation, line breaks entitised; to a stream, to bytes, or straight into a DOM ready to be signed.
/// </summary>
internal static class DocumentXmlOutput
{
    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = false,
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
    };

    public static void Write(Stream output, Action<XmlWriter> writeElement)
    {
        using var writer = XmlWriter.Create(output, WriterSettings);
        writer.WriteStartDocument();
        writeElement(writer);
        writer.WriteEndDocument();
    }

    public static byte[] ToUtf8Bytes(Action<XmlWriter> writeElement, int capacity)
    {
        using var buffer = new MemoryStream(capacity);
        Write(buffer, writeElement);
        return buffer.ToArray();
    }

    /// <summary>The document as a DOM with <see cref="XmlDocument.PreserveWhitespace"/> on and no resolver.</summary>
    public static XmlDocument ToXmlDocument(Action<XmlWriter> writeElement)
    {
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        document.AppendChild(document.CreateXmlDeclaration("1.0", "UTF-8", null));
        using (var writer = document.CreateNavigator()!.AppendChild())
        {
            writeElement(writer);
        }
        return document;
    }
}
