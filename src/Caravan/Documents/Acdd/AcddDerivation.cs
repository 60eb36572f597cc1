using Caravan.Documents.Declarations;

namespace Caravan.Documents.Acdd;

/// <summary>
/// Takes the ACDD's elements from a goods declaration. For a released export this is the ACDD the exporting customs
/// sends; for an import declaration it is the same elements as the importer declared them, which
/// <see cref="AcddComparison"/> sets against the ACDD received.
/// </summary>
public static class AcddDerivation
{
    /// <summary>
    /// The ACDD of an export declaration; <paramref name="permitNumber"/> is the number the exporting single window gave
    /// the lodged declaration (ACDD element 15), which the importer quotes as a previous document.
    /// </summary>
    public static AdvanceCustomsDeclaration FromExport(CustomsDeclaration declaration, string permitNumber, DateTimeOffset? releasedAt)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        return Elements(declaration) with { ExportDeclarationNumber = permitNumber, ReleasedAt = releasedAt };
    }

    /// <summary>The ACDD elements of an import declaration (consignee: the importer, else the consignee); no permit number.</summary>
    public static AdvanceCustomsDeclaration FromImport(CustomsDeclaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        return Elements(declaration) with { Consignee = Party(declaration.Importer ?? declaration.Consignee) };
    }

    /// <summary>The numbers of the earlier documents an import declaration quotes (where the export's permit number is looked for).</summary>
    public static IReadOnlyList<string> QuotedDocumentNumbers(CustomsDeclaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        return declaration.Documents.Concat(declaration.Items.SelectMany(i => i.Documents))
            .Where(d => d.Kind == "previous" && !string.IsNullOrWhiteSpace(d.Id))
            .Select(d => d.Id!)
            .Distinct(StringComparer.Ordinal)
            .ToList();
    }

    private static AdvanceCustomsDeclaration Elements(CustomsDeclaration d) => new()
    {
        ExportCountry = d.ExportCountry,
        ImportCountry = d.DestinationCountry,
        Exporter = Party(d.Exporter),
        Consignee = Party(d.Consignee),
        Agent = Party(d.Agent),
        DepartureDate = d.Transport?.DepartureDate,
        TransportMode = d.Transport?.ModeCode,
        PortOfDischarge = d.DischargeLocation,
        Items = d.Items.Select(i => new AcddItem
        {
            ItemNumber = i.SequenceNumber,
            HsCode = i.HsCode,
            Quantity = i.Quantity,
            OriginCountry = i.OriginCountry,
            Description = i.Description,
            Value = i.Value,
        }).ToList(),
    };

    private static AcddParty? Party(DeclarationParty? party) => party is null
        ? null
        : new AcddParty
        {
            Id = party.Id,
            Name = party.Name,
            Address = [.. party.AddressLines, .. new[] { party.PostalCode, party.City }.Where(x => !string.IsNullOrWhiteSpace(x)).Select(x => x!)],
            Country = party.Country,
        };
}
