using System.Globalization;
using System.Text;
using System.Xml;

namespace Caravan.Documents.Phyto;

/// <summary>
/// Follows the element nesting while the schema-validating reader runs, so that a schema error is reported with
/// the XML path of the element (local names joined by dots, <c>[i]</c> for the i-th (zero-based) repeat of a name
/// when i &gt; 0), e.g. <c>SPSConsignment.IncludedSPSConsignmentItem.IncludedSPSTradeLineItem[1].SequenceNumeric</c>.
/// </summary>
internal sealed class PhytoXmlPathTracker
{
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

    public string CurrentPath(XmlReader reader)
    {
        var builder = new StringBuilder();
        for (var i = 1; i < _frames.Count; i++)
        {
            Append(builder, _frames[i].Name, _frames[i].Index);
        }
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

    private static void Append(StringBuilder builder, string name, int index)
    {
        if (builder.Length > 0)
        {
            builder.Append('.');
        }
        builder.Append(name);
        if (index > 0)
        {
            builder.Append('[').Append(index.ToString(CultureInfo.InvariantCulture)).Append(']');
        }
    }

    private readonly record struct Frame(string Name, int Index, string? LastChild, int LastChildCount);
}
