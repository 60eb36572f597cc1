namespace Caravan.Cli.Documents;

/// <summary>The document formats <c>caravan doc validate</c> knows: each document type in its XML or JSON form.</summary>
public enum DocumentKind
{
    /// <summary>A goods declaration as WCO DMS XML (<c>urn:wco:datamodel:WCO:DEC-DMS:2</c>, bare or in <c>md:MetaData</c>).</summary>
    DeclarationXml,

    /// <summary>A goods declaration in Caravan's JSON form (<c>CustomsDeclaration</c>).</summary>
    DeclarationJson,

    /// <summary>An ePhyto certificate as UN/CEFACT SPSCertificate XML.</summary>
    EphytoXml,

    /// <summary>An ePhyto certificate in Caravan's JSON form.</summary>
    EphytoJson,

    /// <summary>A certificate of origin as XML (<c>urn:caravan:certificate-of-origin:1</c>).</summary>
    OriginXml,

    /// <summary>A certificate of origin in Caravan's JSON form.</summary>
    OriginJson,
}
