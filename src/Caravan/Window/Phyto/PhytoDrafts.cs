using Caravan.Documents.Common;
using Caravan.Documents.Declarations;
using Caravan.Documents.Phyto;

namespace Caravan.Window.Phyto;

/// <summary>
/// Starts an ePhyto from the consignment's export declaration, so that the NPPO officer only adds what a declaration
/// does not say: the botanical name of each item and the additional declaration. Consignor, consignee, point of
/// entry, means of transport, and per item the description, HS code, net and gross weight, packages and origin come
/// from the declaration; the node fills the issuer's fields at issue (<see cref="PhytoWorkflow"/>).
/// </summary>
public static class PhytoDrafts
{
    public static PhytosanitaryCertificate FromDeclaration(CustomsDeclaration declaration, IReadOnlyDictionary<int, string> scientificNames, string? additionalDeclaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        ArgumentNullException.ThrowIfNull(scientificNames);
        return new PhytosanitaryCertificate
        {
            Document = new PhytoExchangedDocument
            {
                Notes = string.IsNullOrWhiteSpace(additionalDeclaration)
                    ? []
                    : [new PhytoNote { Subject = PhytoNoteSubjects.AdditionalDeclaration, Contents = [new(additionalDeclaration.Trim(), "en")] }],
            },
            Consignment = new PhytoConsignment
            {
                Consignor = Party(declaration.Exporter),
                Consignee = Party(declaration.Consignee ?? declaration.Importer),
                UnloadingPort = declaration.DischargeLocation is { } port ? new PhytoLocation { Id = port } : null,
                MainCarriages = declaration.Transport is { } t ? [new PhytoTransportMovement { Id = t.MeansId, ModeCode = t.ModeCode }] : [],
                Items = declaration.Items.Select(item => new PhytoTradeLineItem
                {
                    SequenceNumber = item.SequenceNumber,
                    Descriptions = item.Description is { } d ? [new(d, "en")] : [],
                    ScientificNames = item.SequenceNumber is { } n && scientificNames.TryGetValue(n, out var name) && !string.IsNullOrWhiteSpace(name) ? [new(name.Trim())] : [],
                    NetWeight = item.NetMassKg is { } net && Quantity.Create(net, "KGM").TryGetValue(out var netWeight) ? netWeight : item.Quantity,
                    GrossWeight = item.GrossMassKg is { } gross && Quantity.Create(gross, "KGM").TryGetValue(out var grossWeight) ? grossWeight : null,
                    Classifications = item.HsCode is { } hs ? [new PhytoClassification { SystemName = PhytoCodes.SystemHs, ClassCode = hs.Value }] : [],
                    Packages = item.PackageCount is { } count ? [new PhytoPackage { LevelCode = 1, TypeCode = item.PackageTypeCode ?? "PK", Quantity = count }] : [],
                    Origins = item.OriginCountry is { } origin ? [new PhytoOrigin { Country = origin }] : [],
                }).ToList(),
            },
        };
    }

    private static PhytoParty? Party(DeclarationParty? party) => party is null
        ? null
        : new PhytoParty
        {
            Name = party.Name ?? party.Id,
            AddressLines = [.. party.AddressLines, .. new[] { string.Join(" ", new[] { party.PostalCode, party.City }.Where(x => !string.IsNullOrWhiteSpace(x))) }.Where(x => x.Length > 0)],
        };
}
