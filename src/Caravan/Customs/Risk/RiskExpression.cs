using System.Globalization;

namespace Caravan.Customs.Risk;

/// <summary>
/// The small language analysts write rule conditions in, compiled to a delegate after parsing and type-checking:
/// <code>
/// hs startswith "8517" and origin in ["CN", "HK"] and value_per_kg &lt; reference_value_per_kg * 0.5
/// party_watchlisted or (trader_first_time and value &gt; 10000)
/// </code>
/// Operators: <c>or</c>, <c>and</c>, <c>not</c>; comparisons <c>== != &lt; &lt;= &gt; &gt;=</c>; <c>in [..]</c> (text
/// in a list of texts), <c>startswith</c>, <c>contains</c> (text); arithmetic <c>+ - * /</c> on numbers (division by
/// zero is 0). Fields are those of <see cref="RiskSchema"/>. Every error names its position; a condition must be a
/// yes/no expression. Compiled conditions do not allocate when evaluated.
/// </summary>
public static class RiskExpression
{
    /// <summary>A compiled condition, with its guard when it has one (a test every subject it holds for must pass).</summary>
    public sealed record Compiled(Func<RiskFacts, bool> Predicate, IReadOnlyList<string> Fields, Guard? Guard = null);

    /// <summary>
    /// A necessary condition read off a rule: one of its top-level <c>and</c> terms compares a text field with literals
    /// (<c>field == "x"</c>, <c>field in ["x", "y"]</c>, <c>field startswith "x"</c>). The engine indexes rules by their
    /// guards, so a subject is tested only against the rules it can possibly meet.
    /// </summary>
    public sealed record Guard(int Slot, bool Prefix, IReadOnlyList<string> Values);

    public sealed record Error(int Position, string Message)
    {
        public override string ToString() => $"at {Position}: {Message}";
    }

    public static (Compiled? Condition, IReadOnlyList<Error> Errors) Compile(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new Parser(text);
        try
        {
            var node = parser.ParseOr();
            parser.ExpectEnd();
            if (node.Type != RiskType.Flag)
            {
                return (null, [new Error(1, $"A condition is yes/no, but this expression is a {Name(node.Type)}.")]);
            }
            return (new Compiled(node.Flag!, parser.Fields.ToList(), node.Guard), []);
        }
        catch (RiskSyntaxException ex)
        {
            return (null, [new Error(ex.Position, ex.Message)]);
        }
    }

    private static string Name(RiskType type) => type switch
    {
        RiskType.Number => "number",
        RiskType.Text => "text",
        RiskType.Flag => "yes/no",
        _ => "list",
    };

    private sealed class RiskSyntaxException(int position, string message) : Exception(message)
    {
        public int Position { get; } = position;
    }

    /// <summary>A typed, compiled sub-expression: exactly one delegate (or the list) is set, matching <see cref="Type"/>.</summary>
    private sealed record Node(RiskType Type, Func<RiskFacts, decimal>? Number = null, Func<RiskFacts, string>? Text = null, Func<RiskFacts, bool>? Flag = null, HashSet<string>? List = null)
    {
        /// <summary>The field's slot when this node reads a field as it is.</summary>
        public int? FieldSlot { get; init; }

        /// <summary>The text when this node is a text literal.</summary>
        public string? Literal { get; init; }

        public Guard? Guard { get; init; }
    }

    private sealed class Parser(string text)
    {
        private int _at;

        public HashSet<string> Fields { get; } = new(StringComparer.Ordinal);

        public Node ParseOr()
        {
            var left = ParseAnd();
            while (Keyword("or"))
            {
                var position = _at;
                var right = ParseAnd();
                var (a, b) = (Flag(left, position), Flag(right, position));
                left = new Node(RiskType.Flag, Flag: f => a(f) || b(f));
            }
            return left;
        }

        private Node ParseAnd()
        {
            var left = ParseNot();
            while (Keyword("and"))
            {
                var position = _at;
                var right = ParseNot();
                var (a, b) = (Flag(left, position), Flag(right, position));
                left = new Node(RiskType.Flag, Flag: f => a(f) && b(f)) { Guard = left.Guard ?? right.Guard };
            }
            return left;
        }

        private Node ParseNot()
        {
            if (Keyword("not"))
            {
                var position = _at;
                var inner = Flag(ParseNot(), position);
                return new Node(RiskType.Flag, Flag: f => !inner(f));
            }
            return ParseComparison();
        }

        private Node ParseComparison()
        {
            var left = ParseSum();
            SkipSpace();
            var position = _at + 1;
            foreach (var op in new[] { "==", "!=", "<=", ">=", "<", ">" })
            {
                if (Symbol(op))
                {
                    var right = ParseSum();
                    return Compare(left, op, right, position);
                }
            }
            if (Keyword("in"))
            {
                var list = ParseTerm();
                if (left.Type != RiskType.Text || list.Type != RiskType.TextList)
                {
                    throw new RiskSyntaxException(position, "'in' compares a text with a list of texts: origin in [\"CN\", \"HK\"].");
                }
                var (value, set) = (left.Text!, list.List!);
                return new Node(RiskType.Flag, Flag: f => set.Contains(value(f)))
                {
                    Guard = left.FieldSlot is { } slot && set.Count > 0 ? new Guard(slot, Prefix: false, [.. set]) : null,
                };
            }
            foreach (var op in new[] { "startswith", "contains" })
            {
                if (Keyword(op))
                {
                    var right = ParseSum();
                    if (left.Type != RiskType.Text || right.Type != RiskType.Text)
                    {
                        throw new RiskSyntaxException(position, $"'{op}' works on texts.");
                    }
                    var (a, b) = (left.Text!, right.Text!);
                    return op == "startswith"
                        ? new Node(RiskType.Flag, Flag: f => a(f).StartsWith(b(f), StringComparison.Ordinal))
                        {
                            Guard = left.FieldSlot is { } slot && right.Literal is { Length: > 0 } prefix ? new Guard(slot, Prefix: true, [prefix]) : null,
                        }
                        : new Node(RiskType.Flag, Flag: f => a(f).Contains(b(f), StringComparison.OrdinalIgnoreCase));
                }
            }
            return left;
        }

        private static Node Compare(Node left, string op, Node right, int position)
        {
            if (left.Type != right.Type || left.Type == RiskType.TextList)
            {
                throw new RiskSyntaxException(position, $"'{op}' compares two values of one type, not a {Name(left.Type)} with a {Name(right.Type)}.");
            }
            if (left.Type == RiskType.Number)
            {
                var (a, b) = (left.Number!, right.Number!);
                Func<RiskFacts, bool> flag = op switch
                {
                    "==" => f => a(f) == b(f),
                    "!=" => f => a(f) != b(f),
                    "<" => f => a(f) < b(f),
                    "<=" => f => a(f) <= b(f),
                    ">" => f => a(f) > b(f),
                    _ => f => a(f) >= b(f),
                };
                return new Node(RiskType.Flag, Flag: flag);
            }
            if (op is not ("==" or "!="))
            {
                throw new RiskSyntaxException(position, $"'{op}' orders numbers; {Name(left.Type)} values are compared with == or !=.");
            }
            if (left.Type == RiskType.Text)
            {
                var (a, b) = (left.Text!, right.Text!);
                if (op != "==")
                {
                    return new Node(RiskType.Flag, Flag: f => !string.Equals(a(f), b(f), StringComparison.Ordinal));
                }
                var guard = (left.FieldSlot, right.Literal, right.FieldSlot, left.Literal) switch
                {
                    ({ } slot, { } literal, _, _) => new Guard(slot, Prefix: false, [literal]),
                    (_, _, { } slot, { } literal) => new Guard(slot, Prefix: false, [literal]),
                    _ => null,
                };
                return new Node(RiskType.Flag, Flag: f => string.Equals(a(f), b(f), StringComparison.Ordinal)) { Guard = guard };
            }
            var (x, y) = (left.Flag!, right.Flag!);
            return op == "==" ? new Node(RiskType.Flag, Flag: f => x(f) == y(f)) : new Node(RiskType.Flag, Flag: f => x(f) != y(f));
        }

        private Node ParseSum()
        {
            var left = ParseProduct();
            while (true)
            {
                SkipSpace();
                var position = _at + 1;
                var op = Symbol("+") ? '+' : Symbol("-") ? '-' : '\0';
                if (op == '\0')
                {
                    return left;
                }
                var right = ParseProduct();
                var (a, b) = (Number(left, position), Number(right, position));
                left = op == '+' ? new Node(RiskType.Number, Number: f => a(f) + b(f)) : new Node(RiskType.Number, Number: f => a(f) - b(f));
            }
        }

        private Node ParseProduct()
        {
            var left = ParseTerm();
            while (true)
            {
                SkipSpace();
                var position = _at + 1;
                var op = Symbol("*") ? '*' : Symbol("/") ? '/' : '\0';
                if (op == '\0')
                {
                    return left;
                }
                var right = ParseTerm();
                var (a, b) = (Number(left, position), Number(right, position));
                left = op == '*'
                    ? new Node(RiskType.Number, Number: f => a(f) * b(f))
                    : new Node(RiskType.Number, Number: f => b(f) is var d && d == 0 ? 0 : a(f) / d);
            }
        }

        private Node ParseTerm()
        {
            SkipSpace();
            var position = _at + 1;
            if (_at >= text.Length)
            {
                throw new RiskSyntaxException(position, "The condition ends where a value was expected.");
            }
            var c = text[_at];
            if (c == '(')
            {
                _at++;
                var inner = ParseOr();
                if (!Symbol(")"))
                {
                    throw new RiskSyntaxException(_at + 1, "')' expected.");
                }
                return inner;
            }
            if (c == '"')
            {
                var value = ReadString();
                return new Node(RiskType.Text, Text: _ => value) { Literal = value };
            }
            if (c == '[')
            {
                _at++;
                var items = new HashSet<string>(StringComparer.Ordinal);
                SkipSpace();
                while (_at < text.Length && text[_at] != ']')
                {
                    SkipSpace();
                    if (_at >= text.Length || text[_at] != '"')
                    {
                        throw new RiskSyntaxException(_at + 1, "A list holds texts in double quotes: [\"CN\", \"HK\"].");
                    }
                    items.Add(ReadString());
                    SkipSpace();
                    if (!Symbol(","))
                    {
                        break;
                    }
                }
                if (!Symbol("]"))
                {
                    throw new RiskSyntaxException(_at + 1, "']' expected.");
                }
                return new Node(RiskType.TextList, List: items);
            }
            if (char.IsAsciiDigit(c))
            {
                var start = _at;
                while (_at < text.Length && (char.IsAsciiDigit(text[_at]) || text[_at] == '.'))
                {
                    _at++;
                }
                if (!decimal.TryParse(text.AsSpan(start, _at - start), NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
                {
                    throw new RiskSyntaxException(start + 1, $"'{text[start.._at]}' is not a number.");
                }
                return new Node(RiskType.Number, Number: _ => number);
            }
            if (char.IsAsciiLetter(c) || c == '_')
            {
                var start = _at;
                while (_at < text.Length && (char.IsAsciiLetterOrDigit(text[_at]) || text[_at] == '_'))
                {
                    _at++;
                }
                var name = text[start.._at];
                if (name is "true" or "false")
                {
                    var value = name == "true";
                    return new Node(RiskType.Flag, Flag: _ => value);
                }
                var type = RiskSchema.TypeOf(name)
                    ?? throw new RiskSyntaxException(start + 1, $"Unknown field '{name}'. Fields: {string.Join(", ", RiskSchema.Fields.Keys)}.");
                Fields.Add(name);
                var slot = RiskSchema.SlotOf(name);
                return type switch
                {
                    RiskType.Number => new Node(type, Number: f => f.NumberAt(slot)),
                    RiskType.Text => new Node(type, Text: f => f.TextAt(slot)) { FieldSlot = slot },
                    _ => new Node(type, Flag: f => f.FlagAt(slot)),
                };
            }
            throw new RiskSyntaxException(position, $"Unexpected '{c}'.");
        }

        public void ExpectEnd()
        {
            SkipSpace();
            if (_at < text.Length)
            {
                throw new RiskSyntaxException(_at + 1, $"Unexpected '{text[_at..Math.Min(text.Length, _at + 12)]}': an operator (and, or, ==, ...) was expected.");
            }
        }

        private string ReadString()
        {
            var start = _at;
            _at++;
            var end = text.IndexOf('"', _at);
            if (end < 0)
            {
                throw new RiskSyntaxException(start + 1, "The text is not closed with '\"'.");
            }
            var value = text[_at..end];
            _at = end + 1;
            return value;
        }

        private static Func<RiskFacts, bool> Flag(Node node, int position) =>
            node.Flag ?? throw new RiskSyntaxException(position, $"and/or/not combine yes/no conditions, not a {Name(node.Type)}.");

        private static Func<RiskFacts, decimal> Number(Node node, int position) =>
            node.Number ?? throw new RiskSyntaxException(position, $"Arithmetic works on numbers, not a {Name(node.Type)}.");

        private bool Keyword(string word)
        {
            SkipSpace();
            if (_at + word.Length <= text.Length && string.CompareOrdinal(text, _at, word, 0, word.Length) == 0
                && (_at + word.Length == text.Length || !(char.IsAsciiLetterOrDigit(text[_at + word.Length]) || text[_at + word.Length] == '_')))
            {
                _at += word.Length;
                return true;
            }
            return false;
        }

        private bool Symbol(string symbol)
        {
            SkipSpace();
            if (string.CompareOrdinal(text, _at, symbol, 0, symbol.Length) == 0 && _at + symbol.Length <= text.Length)
            {
                _at += symbol.Length;
                return true;
            }
            return false;
        }

        private void SkipSpace()
        {
            while (_at < text.Length && char.IsWhiteSpace(text[_at]))
            {
                _at++;
            }
        }
    }
}
