namespace Caravan.Documents.Phyto;

/// <summary>How strictly <see cref="PhytoXml"/> applies the IPPC hub schemas when reading.</summary>
public enum PhytoReadMode
{
    /// <summary>Schema violations are errors and the document is not mapped (for Caravan's own output and partners that conform).</summary>
    Strict,

    /// <summary>
    /// Schema violations (element order, elements the hub schema lacks) become warnings and the document is mapped
    /// anyway; values the model cannot hold and business rules are still errors.
    /// </summary>
    Lenient,
}
