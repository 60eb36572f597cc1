using System.Collections.Frozen;
using System.Diagnostics.CodeAnalysis;
using System.Text;

namespace Caravan.Documents.Hs;

/// <summary>
/// The Harmonized System nomenclature (HS 2022 edition, from UN Comtrade's extract, public domain): chapters,
/// headings and 6-digit subheadings with their descriptions. <see cref="Hs2022"/> is loaded once, lazily, from
/// the CSV embedded in this assembly, into frozen dictionaries; lookups do not allocate.
/// UN Comtrade's chapter 99 ("commodities not specified according to kind") is not part of the WCO
/// nomenclature and is left out.
/// </summary>
public sealed class HsNomenclature
{
    private const string ResourceName = "Caravan.Documents.Hs.harmonized-system.csv";

    private static readonly Lazy<HsNomenclature> LazyHs2022 =
        new(LoadEmbedded, LazyThreadSafetyMode.ExecutionAndPublication);

    private readonly FrozenDictionary<string, HsEntry> _entries;
    private readonly FrozenDictionary<string, HsEntry>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    private HsNomenclature(string edition, Dictionary<string, HsEntry> entries)
    {
        Edition = edition;
        _entries = entries.ToFrozenDictionary(StringComparer.Ordinal);
        _lookup = _entries.GetAlternateLookup<ReadOnlySpan<char>>();
        ChapterCount = entries.Values.Count(e => e.Level == HsLevel.Chapter);
        HeadingCount = entries.Values.Count(e => e.Level == HsLevel.Heading);
        SubheadingCount = entries.Values.Count(e => e.Level == HsLevel.Subheading);
    }

    /// <summary>The HS 2022 nomenclature shipped with Caravan.</summary>
    public static HsNomenclature Hs2022 => LazyHs2022.Value;

    /// <summary>The edition, e.g. <c>HS 2022</c>.</summary>
    public string Edition { get; }

    public int ChapterCount { get; }

    public int HeadingCount { get; }

    public int SubheadingCount { get; }

    /// <summary>Every entry of every level, in no particular order.</summary>
    public IEnumerable<HsEntry> Entries => _entries.Values;

    /// <summary>True when <paramref name="code"/> is exactly a 6-digit subheading of this edition.</summary>
    public bool IsValidSubheading(ReadOnlySpan<char> code) =>
        code.Length == 6 && _lookup.TryGetValue(code, out _);

    /// <summary>Finds the chapter, heading or subheading with exactly this code (2, 4 or 6 digits).</summary>
    public bool TryGetEntry(ReadOnlySpan<char> code, [NotNullWhen(true)] out HsEntry? entry) =>
        _lookup.TryGetValue(code, out entry);

    /// <summary>The heading (first 4 digits) above a subheading or heading code, if it exists.</summary>
    public HsEntry? FindHeading(ReadOnlySpan<char> code) =>
        code.Length >= 4 && _lookup.TryGetValue(code[..4], out var entry) ? entry : null;

    /// <summary>The chapter (first 2 digits) above a code, if it exists.</summary>
    public HsEntry? FindChapter(ReadOnlySpan<char> code) =>
        code.Length >= 2 && _lookup.TryGetValue(code[..2], out var entry) ? entry : null;

    /// <summary>
    /// Loads a nomenclature from CSV in the layout of the datahub <c>harmonized-system</c> package:
    /// <c>section,hscode,description,parent,level</c> with a header line. Rows that are not 2, 4 or 6 digit
    /// codes (the TOTAL line) and chapter 99 are skipped. Malformed CSV is a bug in the shipped data: it throws.
    /// </summary>
    public static HsNomenclature Load(string edition, TextReader csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var entries = new Dictionary<string, HsEntry>(8192, StringComparer.Ordinal);
        var fields = new List<string>(5);
        var field = new StringBuilder(256);
        var header = true;
        while (ReadRecord(csv, fields, field))
        {
            if (header)
            {
                header = false;
                if (fields.Count < 5 || fields[1] != "hscode")
                {
                    throw new InvalidDataException("HS CSV header must be section,hscode,description,parent,level.");
                }
                continue;
            }
            if (fields.Count != 5)
            {
                throw new InvalidDataException($"HS CSV row with {fields.Count} fields: {string.Join(',', fields)}");
            }
            var code = fields[1];
            if (code.Length is not (2 or 4 or 6) || !code.All(char.IsAsciiDigit) || code.StartsWith("99", StringComparison.Ordinal))
            {
                continue;
            }
            var level = (HsLevel)code.Length;
            var parent = level == HsLevel.Chapter ? null : code[..(code.Length - 2)];
            entries[code] = new HsEntry(code, level, fields[2], parent, fields[0]);
        }
        return new HsNomenclature(edition, entries);
    }

    private static HsNomenclature LoadEmbedded()
    {
        using var stream = typeof(HsNomenclature).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
        return Load("HS 2022", reader);
    }

    // Reads one RFC 4180 record (quoted fields may hold commas, doubled quotes and line breaks).
    private static bool ReadRecord(TextReader reader, List<string> fields, StringBuilder field)
    {
        fields.Clear();
        field.Clear();
        var c = reader.Read();
        if (c < 0)
        {
            return false;
        }
        var quoted = false;
        while (true)
        {
            if (quoted)
            {
                if (c < 0)
                {
                    throw new InvalidDataException("HS CSV ends inside a quoted field.");
                }
                if (c == '"')
                {
                    if (reader.Peek() == '"')
                    {
                        reader.Read();
                        field.Append('"');
                    }
                    else
                    {
                        quoted = false;
                    }
                }
                else
                {
                    field.Append((char)c);
                }
            }
            else if (c == '"' && field.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (c is '\n' or -1)
            {
                fields.Add(field.ToString());
                return true;
            }
            else if (c != '\r')
            {
                field.Append((char)c);
            }
            c = reader.Read();
        }
    }
}
