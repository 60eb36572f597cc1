using System.Globalization;
using System.Text;
using System.Xml;

namespace Caravan.Documents.Origin;

/// <summary>
/// Follows the element nesting while a validating reader runs so that a schema error can be reported with the
/// same dotted path as the JSON form (<c>items[1].hsCode</c>). It allocates only when a path is asked for.
/// </summary>
internal sealed class XmlPathTracker
{
    private readonly List<Frame> _frames = new(8);

    public void Advance(XmlReader reader)
    {
        if (reader.NodeType == XmlNodeType.Element)
        {
            var index = NextIndex(reader.LocalName);
            if (_frames.Count > 0)
            {
                var parent = _frames[^1];
                _frames[^1] = parent with { LastChild = reader.LocalName, LastChildCount = index + 1 };
            }
            if (!reader.IsEmptyElement)
            {
                _frames.Add(new Frame(reader.LocalName, index, null, 0));
            }
        }
        else if (reader.NodeType == XmlNodeType.EndElement && _frames.Count > 0)
        {
            _frames.RemoveAt(_frames.Count - 1);
        }
    }

    /// <summary>The path of the node the reader is on.</summary>
    public string CurrentPath(XmlReader reader)
    {
        var builder = new StringBuilder();
        for (var i = 1; i < _frames.Count; i++)
        {
            Append(builder, _frames[i].Name, _frames[i].Index);
        }
        // Schema events fire inside Read(), before Advance has seen the node: an element is not on the stack yet,
        // while text and end tags belong to the element on top of it.
        if (reader.NodeType == XmlNodeType.Element && _frames.Count > 0)
        {
            Append(builder, reader.LocalName, NextIndex(reader.LocalName));
        }
        return builder.ToString();
    }

    private int NextIndex(string localName)
    {
        if (_frames.Count == 0)
        {
            return 0;
        }
        var parent = _frames[^1];
        return parent.LastChild == localName ? parent.LastChildCount : 0;
    }

    private static void Append(StringBuilder builder, string localName, int index)
    {
        var (name, repeated) = localName switch
        {
            "Item" => ("items", true),
            "AddressLine" => ("addressLines", true),
            _ => (char.ToLowerInvariant(localName[0]) + localName[1..], false),
        };
        if (builder.Length > 0)
        {
            builder.Append('.');
        }
        builder.Append(name);
        if (repeated)
        {
            builder.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }
    }

    private readonly record struct Frame(string Name, int Index, string? LastChild, int LastChildCount);
}
