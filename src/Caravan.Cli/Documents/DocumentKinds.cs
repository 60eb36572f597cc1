namespace Caravan.Cli.Documents;

/// <summary>The names of <see cref="DocumentKind"/> on the command line (<c>--type</c>) and in reports.</summary>
public static class DocumentKinds
{
    private static readonly (DocumentKind Kind, string Name, string Description)[] All =
    [
        (DocumentKind.DeclarationXml, "declaration-xml", "WCO DMS goods declaration (XML)"),
        (DocumentKind.DeclarationJson, "declaration-json", "goods declaration (JSON)"),
        (DocumentKind.EphytoXml, "ephyto-xml", "ePhyto SPSCertificate (XML)"),
        (DocumentKind.EphytoJson, "ephyto-json", "ePhyto certificate (JSON)"),
        (DocumentKind.OriginXml, "origin-xml", "certificate of origin (XML)"),
        (DocumentKind.OriginJson, "origin-json", "certificate of origin (JSON)"),
    ];

    /// <summary>Every command-line name, in a stable order.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(k => k.Name)];

    public static string NameOf(DocumentKind kind) => All.Single(k => k.Kind == kind).Name;

    public static string Describe(DocumentKind kind) => All.Single(k => k.Kind == kind).Description;

    public static DocumentKind? Parse(string? name) =>
        All.Where(k => string.Equals(k.Name, name, StringComparison.OrdinalIgnoreCase)).Select(k => (DocumentKind?)k.Kind).FirstOrDefault();
}
