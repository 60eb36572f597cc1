using Caravan.Documents.Hs;

namespace Caravan.Tests.Documents.Hs;

public sealed class HsSuggesterTests
{
    [Theory]
    [InlineData("Men's cotton T-shirt", "610910")]
    [InlineData("Bluetooth wireless headphones", "851830")]
    [InlineData("Leather wallet", "420231")]
    [InlineData("Children's plastic toy car", "950300")]
    [InlineData("Silicone mobile phone case", "392690")]
    [InlineData("Running shoes, textile uppers", "640411")]
    [InlineData("Lipsticks, set of 3", "330410")]
    public void CommonGoods_GetTheSubheadingACustomsOfficerWouldPickFirst(string description, string code)
    {
        var suggestion = HsSuggester.Default.Suggest(description);
        Assert.NotNull(suggestion);
        Assert.Equal(code, suggestion.Code);
        Assert.Contains("'", suggestion.Basis, StringComparison.Ordinal);
    }

    [Fact]
    public void Descriptions_OutsideTheList_AreMatchedOnTheNomenclaturesOwnWords()
    {
        var suggestion = HsSuggester.Default.Suggest("Saddlery and harness for horses");
        Assert.NotNull(suggestion);
        Assert.Equal("4201", suggestion.Code[..4]);
        Assert.Contains("saddlery", suggestion.Basis, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("xqzv blorf wompt")]
    [InlineData("other goods, n.e.s.")]
    public void Gibberish_OrNothing_GetsNoSuggestion(string description) => Assert.Null(HsSuggester.Default.Suggest(description));

    [Fact]
    public void EverySuggestion_IsAnHs2022Subheading()
    {
        string[] descriptions =
        [
            "Wool sweater", "Denim jeans", "Silk scarf", "Baseball cap", "Leather boots", "Backpack for laptop", "USB-C cable 2m", "Power bank 10000mAh",
            "Smartwatch with heart rate", "Wireless mouse", "LED bulbs E27", "Table lamp", "Wrist watch, steel", "Sunglasses polarized", "Silver necklace",
            "Mascara waterproof", "Perfume 50ml", "Electric toothbrush heads", "Hair dryer 2000W", "Jigsaw puzzle 1000 pieces", "Paperback novel",
            "Ceramic coffee mug", "Frying pan, non-stick", "Cotton bath towel", "Green tea leaves", "Dark chocolate bar", "Bicycle helmet",
            "Yoga mat", "Cordless drill", "Fresh apples", "Frozen shrimps", "Olive oil, extra virgin", "Wooden chair", "Printed circuit boards",
        ];
        foreach (var description in descriptions)
        {
            var suggestion = HsSuggester.Default.Suggest(description);
            Assert.True(suggestion is null || HsNomenclature.Hs2022.IsValidSubheading(suggestion.Code), $"{description}: {suggestion}");
            Assert.True(suggestion is null || suggestion.Confidence is > 0 and <= 1);
        }
        Assert.True(descriptions.Count(d => HsSuggester.Default.Suggest(d) is not null) >= descriptions.Length * 3 / 4);
    }

    [Fact]
    public void EveryListedPhrase_PointsToAnHs2022Subheading()
    {
        Assert.All(HsSuggester.Phrases, p => Assert.True(HsNomenclature.Hs2022.IsValidSubheading(p.Code), $"{p.Phrase}: {p.Code}"));
        foreach (var (phrase, code) in HsSuggester.Phrases)
        {
            Assert.Equal(code, HsSuggester.Default.Suggest(phrase)?.Code);
        }
    }
}
