using System.Collections.Frozen;
using System.Globalization;

namespace Caravan.Documents.Hs;

/// <summary>A goods code suggested from a description: a 6-digit HS 2022 subheading, how sure the match is (0 to 1), and why.</summary>
public sealed record HsSuggestion(string Code, decimal Confidence, string Basis);

/// <summary>
/// Suggests an HS 2022 subheading from a free-text goods description, for parcels sent without a code. Two sources:
/// a short list of common e-commerce goods written for Caravan (phrases mapped to the subheading a customs officer
/// would pick first), which wins when one of its phrases is in the description; otherwise the words of the
/// nomenclature's own subheading and heading descriptions, each word weighted by how rare it is (so "headphones"
/// counts for more than "other"). A suggestion is a starting point for the declarant and customs, never a binding
/// classification; below a minimal score there is none.
/// </summary>
public sealed class HsSuggester
{
    private static readonly Lazy<HsSuggester> LazyDefault = new(() => new HsSuggester(HsNomenclature.Hs2022), LazyThreadSafetyMode.ExecutionAndPublication);

    // Common e-commerce goods: phrase (lower case, singular) => subheading.
    internal static readonly (string Phrase, string Code)[] Phrases =
    [
        ("t-shirt", "610910"), ("tshirt", "610910"), ("tee shirt", "610910"), ("sweater", "611030"), ("hoodie", "611030"), ("jumper", "611030"),
        ("jeans", "620342"), ("trousers", "620343"), ("dress", "620443"), ("skirt", "620453"), ("blouse", "620640"), ("shirt", "620520"),
        ("jacket", "620140"), ("coat", "620140"), ("sock", "611595"), ("underwear", "610821"), ("bra", "621210"), ("scarf", "621420"),
        ("glove", "611693"), ("cap", "650500"), ("hat", "650500"), ("sneaker", "640411"), ("running shoe", "640411"), ("trainer", "640411"),
        ("boot", "640391"), ("sandal", "640299"), ("slipper", "640520"), ("shoe", "640399"),
        ("handbag", "420222"), ("backpack", "420292"), ("wallet", "420231"), ("purse", "420231"), ("suitcase", "420212"), ("belt", "420330"),
        ("phone case", "392690"), ("mobile phone", "851713"), ("smartphone", "851713"), ("phone charger", "850440"), ("charger", "850440"),
        ("power bank", "850760"), ("usb cable", "854442"), ("cable", "854442"), ("headphone", "851830"), ("earphone", "851830"), ("earbud", "851830"),
        ("headset", "851830"), ("speaker", "851822"), ("smartwatch", "851762"), ("laptop", "847130"), ("tablet", "847130"), ("keyboard", "847160"),
        ("mouse", "847160"), ("memory card", "852351"), ("usb flash", "852351"), ("camera", "852589"), ("television", "852872"), ("led bulb", "853952"),
        ("lamp", "940521"), ("watch", "910219"), ("sunglasses", "900410"), ("spectacle", "900490"), ("jewellery", "711719"), ("jewelry", "711719"),
        ("necklace", "711719"), ("earring", "711719"), ("ring", "711719"), ("bracelet", "711719"),
        ("lipstick", "330410"), ("mascara", "330420"), ("eye shadow", "330420"), ("nail polish", "330430"), ("face cream", "330499"), ("cosmetic", "330499"),
        ("perfume", "330300"), ("shampoo", "330510"), ("toothbrush", "960321"), ("hair dryer", "851631"), ("razor", "821210"),
        ("toy", "950300"), ("doll", "950300"), ("puzzle", "950300"), ("board game", "950490"), ("playing card", "950440"), ("video game", "950450"),
        ("book", "490199"), ("novel", "490199"), ("notebook", "482010"), ("pen", "960810"), ("pencil", "960910"),
        ("mug", "691200"), ("cup", "691200"), ("plate", "691200"), ("kitchen knife", "821191"), ("frying pan", "732393"), ("water bottle", "392330"),
        ("bed sheet", "630231"), ("towel", "630260"), ("curtain", "630399"), ("pillow", "940490"), ("blanket", "630140"),
        ("vitamin", "210690"), ("supplement", "210690"), ("tea", "090230"), ("coffee", "090121"), ("chocolate", "180690"),
        ("bicycle", "871200"), ("helmet", "650610"), ("tent", "630622"), ("fishing rod", "950710"), ("yoga mat", "950691"), ("dumbbell", "950691"),
        ("car part", "870899"), ("tyre", "401110"), ("tire", "401110"), ("drill", "846721"), ("screwdriver", "820540"),
    ];

    private static readonly FrozenSet<string> StopWords = new[]
    {
        "a", "an", "and", "or", "of", "for", "with", "without", "the", "in", "on", "to", "by", "from", "other", "others", "not", "nes", "etc",
        "set", "pack", "piece", "pieces", "pcs", "new", "kind", "kinds", "type", "types", "whether", "used", "than", "its", "their", "such", "as",
        "be", "is", "are", "good", "item", "product", "article", "assorted", "misc", "miscellaneous", "gift", "mens", "womens", "children", "childrens", "kids", "men", "women", "man", "woman", "size", "colour", "color",
    }.ToFrozenSet(StringComparer.Ordinal);

    private readonly (string[] Words, string Code, string Phrase)[] _phrases;
    private readonly FrozenDictionary<string, (string Code, double Weight)[]> _index;

    public HsSuggester(HsNomenclature nomenclature)
    {
        ArgumentNullException.ThrowIfNull(nomenclature);
        if (Phrases.FirstOrDefault(p => !nomenclature.IsValidSubheading(p.Code)) is { Phrase: { } wrong } bad)
        {
            throw new InvalidOperationException($"The listed goods '{wrong}' point to {bad.Code}, which is not a subheading of {nomenclature.Edition}.");
        }
        _phrases = Phrases.Select(p => (Words(p.Phrase).ToArray(), p.Code, p.Phrase)).OrderByDescending(p => p.Item1.Length).ToArray();
        // Each subheading is described by its own words and its heading's; a word's weight is its inverse frequency.
        var subheadings = nomenclature.Entries.Where(e => e.Level == HsLevel.Subheading).ToList();
        var documents = subheadings.Select(e => (e.Code, Words: Words(e.Description).Concat(nomenclature.FindHeading(e.Code) is { } h ? Words(h.Description) : []).Distinct().ToList())).ToList();
        var frequency = documents.SelectMany(d => d.Words).GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
        _index = documents.SelectMany(d => d.Words.Select(w => (Word: w, d.Code, Weight: Math.Log(documents.Count / (double)frequency[w]) / Math.Sqrt(d.Words.Count))))
            .GroupBy(x => x.Word)
            .ToFrozenDictionary(g => g.Key, g => g.Select(x => (x.Code, x.Weight)).ToArray(), StringComparer.Ordinal);
    }

    /// <summary>The suggester over HS 2022, built once.</summary>
    public static HsSuggester Default => LazyDefault.Value;

    /// <summary>The suggested subheading for a description, or null when no word of it points anywhere with confidence.</summary>
    public HsSuggestion? Suggest(string description)
    {
        var words = Words(description ?? "").ToArray();
        if (words.Length == 0)
        {
            return null;
        }
        foreach (var (phrase, code, text) in _phrases)
        {
            if (Contains(words, phrase))
            {
                return new HsSuggestion(code, 0.9m, $"'{text}' is listed as {code[..4]}.{code[4..]} among common e-commerce goods");
            }
        }
        var scores = new Dictionary<string, (double Score, List<string> Words)>(StringComparer.Ordinal);
        foreach (var word in words.Distinct())
        {
            if (!_index.TryGetValue(word, out var postings) || postings.Length > 400)
            {
                continue;
            }
            foreach (var (code, weight) in postings)
            {
                var current = scores.GetValueOrDefault(code, (0, []));
                current.Words.Add(word);
                scores[code] = (current.Score + weight, current.Words);
            }
        }
        if (scores.Count == 0)
        {
            return null;
        }
        var best = scores.OrderByDescending(s => s.Value.Score).ThenBy(s => s.Key, StringComparer.Ordinal).First();
        if (best.Value.Score < 0.8)
        {
            return null;
        }
        var confidence = (decimal)Math.Round(Math.Min(0.8, best.Value.Score / 4), 2);
        return new HsSuggestion(best.Key, confidence,
            $"the words {string.Join(", ", best.Value.Words.Select(w => $"'{w}'"))} match the HS 2022 description of {best.Key[..4]}.{best.Key[4..]}");
    }

    private static bool Contains(string[] words, string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= words.Length; i++)
        {
            var all = true;
            for (var j = 0; j < phrase.Length && all; j++)
            {
                all = words[i + j] == phrase[j];
            }
            if (all)
            {
                return true;
            }
        }
        return false;
    }

    // Lower-case words of letters and digits ("t-shirt" stays one word), English plurals made singular, stop words dropped.
    private static IEnumerable<string> Words(string text)
    {
        var start = -1;
        for (var i = 0; i <= text.Length; i++)
        {
            var inWord = i < text.Length && (char.IsLetterOrDigit(text[i]) || (text[i] == '-' && start >= 0));
            if (inWord && start < 0)
            {
                start = i;
            }
            else if (!inWord && start >= 0)
            {
                var word = Singular(text[start..i].Trim('-').ToLower(CultureInfo.InvariantCulture).Replace("'", "", StringComparison.Ordinal));
                start = -1;
                if (word.Length > 1 && !StopWords.Contains(word) && !word.All(char.IsAsciiDigit))
                {
                    yield return word;
                }
            }
        }
    }

    private static string Singular(string word) =>
        word.Length > 4 && word.EndsWith("ies", StringComparison.Ordinal) ? word[..^3] + "y"
        : word.Length > 4 && (word.EndsWith("ches", StringComparison.Ordinal) || word.EndsWith("shes", StringComparison.Ordinal) || word.EndsWith("sses", StringComparison.Ordinal) || word.EndsWith("xes", StringComparison.Ordinal)) ? word[..^2]
        : word.Length > 3 && word.EndsWith('s') && !word.EndsWith("ss", StringComparison.Ordinal) ? word[..^1]
        : word;
}
