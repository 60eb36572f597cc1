namespace Caravan.Documents.Phyto;

/// <summary>A text in one language: the UN/CEFACT TextType with its optional <c>languageID</c> (e.g. <c>en</c>).</summary>
public sealed record LocalizedText(string Text, string? LanguageId = null);
