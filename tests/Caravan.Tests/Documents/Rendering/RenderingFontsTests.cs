using Caravan.Documents.Rendering;

namespace Caravan.Tests.Documents.Rendering;

public sealed class RenderingFontsTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("caravan-fonts-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void LoadFrom_NoFolderHoldsDejaVu_FailsNamingTheFoldersAndTheVariable()
    {
        var missing = Path.Combine(_folder, "nowhere");

        var error = Assert.Throws<InvalidOperationException>(() => RenderingFonts.LoadFrom([_folder, missing]));

        Assert.Contains(RenderingFonts.FontDirectoryVariable, error.Message, StringComparison.Ordinal);
        Assert.Contains("CARAVAN_FONT_DIR", error.Message, StringComparison.Ordinal);
        Assert.Contains(_folder, error.Message, StringComparison.Ordinal);
        Assert.Contains("fonts-dejavu-core", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoadFrom_FolderWithOnlyTheRegularFace_IsPassedOverForOneWithBoth()
    {
        var system = RenderingFonts.SearchFolders.First(f => File.Exists(Path.Combine(f, "DejaVuSans-Bold.ttf")));
        File.Copy(Path.Combine(system, "DejaVuSans.ttf"), Path.Combine(_folder, "DejaVuSans.ttf"));

        var (regular, bold) = RenderingFonts.LoadFrom([_folder, system]);

        Assert.Equal("DejaVuSans", regular.PostScriptName);
        Assert.Equal("DejaVuSans-Bold", bold.PostScriptName);
    }
}
