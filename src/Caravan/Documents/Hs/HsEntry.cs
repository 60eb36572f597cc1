namespace Caravan.Documents.Hs;

/// <summary>
/// One line of the HS nomenclature: a chapter (2 digits), heading (4) or subheading (6), with its
/// description, the code of the level above (null for chapters) and its section (a Roman numeral).
/// </summary>
public sealed record HsEntry(string Code, HsLevel Level, string Description, string? ParentCode, string Section);
