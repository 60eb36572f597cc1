namespace Caravan.Documents.Acdd;

/// <summary>
/// One difference between what the exporting customs announced (the ACDD) and what the importer declared: the field
/// (dotted path, with the item number for item fields), both values as text, and a short explanation for the officer.
/// </summary>
public sealed record AcddMismatch(string Field, int? ItemNumber, string? Announced, string? Declared, string Explanation);
