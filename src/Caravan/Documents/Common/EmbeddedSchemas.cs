using System.Xml;
using System.Xml.Schema;

namespace Caravan.Documents.Common;

/// <summary>
/// Compiles the XML schemas embedded in Caravan.dll under one resource prefix into one schema set, without following
/// any schemaLocation (every schema of the set is embedded; nothing is fetched) and with DTDs refused.
/// </summary>
public static class EmbeddedSchemas
{
    public static XmlSchemaSet Load(string resourcePrefix, string what)
    {
        ArgumentNullException.ThrowIfNull(resourcePrefix);
        var assembly = typeof(EmbeddedSchemas).Assembly;
        var set = new XmlSchemaSet { XmlResolver = null };
        var names = assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(resourcePrefix, StringComparison.Ordinal) && n.EndsWith(".xsd", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (names.Count == 0)
        {
            throw new InvalidOperationException($"The embedded {what} schemas are missing from the build.");
        }
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            set.Add(null, reader);
        }
        set.Compile();
        return set;
    }
}
