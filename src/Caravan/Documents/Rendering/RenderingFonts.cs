using Caravan.Documents.Rendering.Pdf;

namespace Caravan.Documents.Rendering;

/// <summary>
/// The fonts of the rendered certificates: DejaVu Sans (regular and bold), read from the folder in
/// <c>CARAVAN_FONT_DIR</c> or Debian's <c>fonts-dejavu-core</c> (<c>/usr/share/fonts/truetype/dejavu</c>) once per
/// process. DejaVu covers Latin, Cyrillic and Greek, so names of Central Asian parties print as written; only the
/// glyphs a certificate uses are embedded in its PDF.
/// </summary>
public static class RenderingFonts
{
    public const string FontDirectoryVariable = "CARAVAN_FONT_DIR";
    private const string RegularFace = "DejaVuSans";
    private const string BoldFace = "DejaVuSans-Bold";

    private static readonly Lazy<(TrueTypeFont Regular, TrueTypeFont Bold)> Fonts = new(() => LoadFrom(SearchFolders), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Candidate folders, in order.</summary>
    public static IReadOnlyList<string> SearchFolders =>
        [.. Environment.GetEnvironmentVariable(FontDirectoryVariable) is { Length: > 0 } custom ? new[] { custom } : [], "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts/dejavu"];

    public static TrueTypeFont Regular => Fonts.Value.Regular;

    public static TrueTypeFont Bold => Fonts.Value.Bold;

    /// <summary>Loads both faces from the first of <paramref name="folders"/> that holds both; throws naming the folders tried and <c>CARAVAN_FONT_DIR</c> when none does.</summary>
    internal static (TrueTypeFont Regular, TrueTypeFont Bold) LoadFrom(IReadOnlyList<string> folders)
    {
        var folder = folders.FirstOrDefault(f => File.Exists(Path.Combine(f, RegularFace + ".ttf")) && File.Exists(Path.Combine(f, BoldFace + ".ttf")))
            ?? throw new InvalidOperationException(
                $"DejaVu Sans fonts ({RegularFace}.ttf, {BoldFace}.ttf) were not found in {string.Join(", ", folders)}; install Debian's fonts-dejavu-core or set {FontDirectoryVariable} to a folder that holds them.");
        return (TrueTypeFont.Load(Path.Combine(folder, RegularFace + ".ttf")), TrueTypeFont.Load(Path.Combine(folder, BoldFace + ".ttf")));
    }
}
