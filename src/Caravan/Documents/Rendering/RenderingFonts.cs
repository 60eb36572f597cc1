using PdfSharp.Fonts;

namespace Caravan.Documents.Rendering;

/// <summary>
/// PDFsharp's font resolver for the rendered certificates: DejaVu Sans (regular and bold), read from the folder in
/// <c>CARAVAN_FONT_DIR</c> or Debian's <c>fonts-dejavu-core</c> (<c>/usr/share/fonts/truetype/dejavu</c>). DejaVu covers
/// Latin, Cyrillic and Greek, so names of Central Asian parties print as written. Every family name resolves to it.
/// <see cref="EnsureInstalled"/> also loads PDFsharp's license (see the comment there).
/// </summary>
public sealed class RenderingFonts : IFontResolver
{
    public const string FamilyName = "DejaVu Sans";
    public const string FontDirectoryVariable = "CARAVAN_FONT_DIR";
    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    private static readonly Lock InstallLock = new();
    private readonly string _folder;

    private RenderingFonts(string folder) => _folder = folder;

    /// <summary>Candidate folders, in order.</summary>
    public static IReadOnlyList<string> SearchFolders =>
        [.. Environment.GetEnvironmentVariable(FontDirectoryVariable) is { Length: > 0 } custom ? new[] { custom } : [], "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu"];

    /// <summary>Installs the resolver into PDFsharp once per process; throws when no folder holds the fonts (an installation fault).</summary>
    public static void EnsureInstalled()
    {
        lock (InstallLock)
        {
            if (GlobalFontSettings.FontResolver is RenderingFonts)
            {
                return;
            }
            // LICENSING: PDFsharp 6.5.0 (the only version this project's package source serves) is AGPL-3.0-only, not
            // MIT, and refuses to work until a license is loaded. Loading the AGPL license here is a project-level
            // decision recorded in docs/portals.md ("PDF rendering and its license"); replace this line with
            // PdfSharpLicense.LoadLicense(key) for a commercial license, or replace the renderer.
            PdfSharp.PdfSharpLicense.SetAgplLicense();
            var folder = SearchFolders.FirstOrDefault(f => File.Exists(Path.Combine(f, RegularFace + ".ttf")) && File.Exists(Path.Combine(f, BoldFace + ".ttf")))
                ?? throw new InvalidOperationException(
                    $"DejaVu Sans fonts were not found in {string.Join(", ", SearchFolders)}; install Debian's fonts-dejavu-core or set {FontDirectoryVariable}.");
            GlobalFontSettings.FontResolver = new RenderingFonts(folder);
        }
    }

    public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
        new(bold ? BoldFace : RegularFace);

    public byte[]? GetFont(string faceName) =>
        faceName is RegularFace or BoldFace ? File.ReadAllBytes(Path.Combine(_folder, faceName + ".ttf")) : null;
}
