using System.Globalization;
using System.Text;
using System.Xml;

namespace Caravan.Documents.Common;

/// <summary>
/// Follows the element nesting while a validating reader runs, so that a schema error can be reported with a dotted
/// path to the element. Each document format says how one element appears in its paths (<see cref="Segment"/>): the
/// certificate of origin uses its JSON names (<c>items[1].hsCode</c>), ePhyto the XML local names. It allocates only
/// when a path is asked for.
/// </summary>
internal sealed class XmlPathTracker(XmlPathTracker.Segment segment)
{
    /// <summary>How an element with <paramref name="localName"/>, the <paramref name="index"/>-th (zero-based) of its name under its parent, appears in a path: its name, and whether the index is shown.</summary>
    public delegate (string Name, bool ShowIndex) Segment(string localName, int index);

    private readonly List<Frame> _frames = new(12);

    /// <summary>How many elements are open (1 while on the document element's children).</summary>
    public int Depth => _frames.Count;

    public void Advance(XmlReader reader)
    {
        if (reader.NodeType == XmlNodeType.Element)
        {
            var index = NextIndex(reader.LocalName);
            if (_frames.Count > 0)
            {
                _frames[^1] = _frames[^1] with { LastChild = reader.LocalName, LastChildCount = index + 1 };
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

    /// <summary>The path of the node the reader is on (the document element itself is not part of it).</summary>
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

    private void Append(StringBuilder builder, string localName, int index)
    {
        var (name, showIndex) = segment(localName, index);
        if (builder.Length > 0)
        {
            builder.Append('.');
        }
        builder.Append(name);
        if (showIndex)
        {
            builder.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }
    }

    private readonly record struct Frame(string Name, int Index, string? LastChild, int LastChildCount);
}
