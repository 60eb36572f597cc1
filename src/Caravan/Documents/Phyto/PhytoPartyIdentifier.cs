namespace Caravan.Documents.Phyto;

/// <summary>A registration of a trader (<c>TypeCode</c> with <c>listName</c>, e.g. <c>NationalRegistrationNumber</c>).</summary>
public sealed record PhytoPartyIdentifier(string Value, string? ListName = null);
