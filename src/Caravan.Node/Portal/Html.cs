using System.Text;
using System.Text.Encodings.Web;
using System.Text.Unicode;

namespace Caravan.Node.Portal;

/// <summary>
/// A small HTML writer for the portal's server-rendered pages. Every text and attribute value is HTML-encoded;
/// tag and attribute names must be lower-case ASCII identifiers (checked), so no caller-supplied string can open
/// markup. There is deliberately no way to write raw HTML.
/// </summary>
public sealed class Html
{
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);
    private readonly StringBuilder _builder = new(4096);
    private readonly Stack<string> _open = new();

    public Html Text(string? text)
    {
        _builder.Append(Encoder.Encode(text ?? ""));
        return this;
    }

    /// <summary>Opens an element; attributes whose value is null are left out, an empty value writes a boolean attribute.</summary>
    public Html Open(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        StartTag(tag, attributes);
        _open.Push(tag);
        return this;
    }

    /// <summary>Closes the innermost open element, which must be <paramref name="tag"/>.</summary>
    public Html Close(string tag)
    {
        if (_open.Count == 0 || _open.Pop() != tag)
        {
            throw new InvalidOperationException($"</{tag}> does not close the innermost open element.");
        }
        _builder.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>An element holding only text.</summary>
    public Html Element(string tag, string? text, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        StartTag(tag, attributes);
        Text(text);
        _builder.Append("</").Append(tag).Append('>');
        return this;
    }

    /// <summary>A void element (input, meta, link, br, img).</summary>
    public Html Void(string tag, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        StartTag(tag, attributes);
        return this;
    }

    public Html Link(string href, string text, params ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        if (!href.StartsWith('/') || href.StartsWith("//", StringComparison.Ordinal))
        {
            throw new ArgumentException("Portal links are local absolute paths.", nameof(href));
        }
        Open("a", [("href", href), .. attributes]);
        Text(text);
        return Close("a");
    }

    /// <summary>A POST form carrying the antiforgery token.</summary>
    public Html Form(string action, AntiforgeryField token, string? cssClass = null, string? encType = null)
    {
        ArgumentNullException.ThrowIfNull(token);
        Open("form", ("method", "post"), ("action", action), ("class", cssClass), ("enctype", encType));
        return Void("input", ("type", "hidden"), ("name", token.Name), ("value", token.Value));
    }

    /// <summary>A labelled input inside a form.</summary>
    public Html Field(string label, string name, string type = "text", string? value = null, bool required = true, string? autocomplete = null, int? maxLength = null)
    {
        var id = "f-" + name;
        Open("div", ("class", "field"));
        Element("label", label, ("for", id));
        if (type == "textarea")
        {
            Open("textarea", ("id", id), ("name", name), ("required", required ? "" : null), ("maxlength", maxLength?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            Text(value);
            Close("textarea");
        }
        else
        {
            Void("input", ("id", id), ("name", name), ("type", type), ("value", value), ("required", required ? "" : null), ("autocomplete", autocomplete),
                ("maxlength", maxLength?.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }
        return Close("div");
    }

    /// <summary>A table (wrapped so that it scrolls sideways on a narrow screen) with a header row and text cells.</summary>
    public Html Table(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<string?>> rows, string? id = null)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        Open("div", ("class", "table-wrap"));
        Open("table", ("id", id));
        Open("thead").Open("tr");
        foreach (var header in headers)
        {
            Element("th", header, ("scope", "col"));
        }
        Close("tr").Close("thead").Open("tbody");
        foreach (var row in rows)
        {
            Open("tr");
            foreach (var cell in row)
            {
                Element("td", cell);
            }
            Close("tr");
        }
        return Close("tbody").Close("table").Close("div");
    }

    public override string ToString()
    {
        if (_open.Count > 0)
        {
            throw new InvalidOperationException($"Unclosed elements: {string.Join(", ", _open)}.");
        }
        return _builder.ToString();
    }

    private void StartTag(string tag, ReadOnlySpan<(string Name, string? Value)> attributes)
    {
        CheckName(tag);
        _builder.Append('<').Append(tag);
        foreach (var (name, value) in attributes)
        {
            if (value is null)
            {
                continue;
            }
            CheckName(name);
            _builder.Append(' ').Append(name);
            if (value.Length > 0)
            {
                _builder.Append("=\"").Append(Encoder.Encode(value)).Append('"');
            }
        }
        _builder.Append('>');
    }

    private static void CheckName(string name)
    {
        if (string.IsNullOrEmpty(name) || name.Length > 32 || !name.All(c => char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '-'))
        {
            throw new ArgumentException($"'{name}' is not an allowed tag or attribute name.", nameof(name));
        }
    }
}

