namespace Caravan.Documents.Phyto;

/// <summary>
/// An IPPC ePhyto phytosanitary (or re-export) certificate in the UN/CEFACT SPSCertificate structure: the
/// exchanged document (header) and the consignment. Like the other Caravan documents it may be incomplete or break
/// business rules so that a reader can report everything; <see cref="PhytoValidator"/> decides whether it is
/// acceptable. Values inside it (countries, UN/LOCODEs, quantities, dates) are always well-formed.
/// </summary>
public sealed record PhytosanitaryCertificate
{
    public PhytoExchangedDocument? Document { get; init; }

    public PhytoConsignment? Consignment { get; init; }

    /// <summary>The document-level notes whose subject is an IPPC additional declaration (<c>AD...</c>).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public IEnumerable<PhytoNote> AdditionalDeclarations =>
        Document?.Notes.Where(n => PhytoNoteSubjects.IsAdditionalDeclaration(n.Subject)) ?? [];
}
