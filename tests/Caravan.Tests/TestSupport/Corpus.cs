namespace Caravan.Tests.TestSupport;

/// <summary>Locates files of the shared test corpus (the <c>shared/corpus</c> folder next to the repository).</summary>
public static class Corpus
{
    private static readonly Lazy<string> Root = new(FindRoot);

    /// <summary>The full path of a corpus file or folder, e.g. <c>Corpus.Path("hs-nomenclature", "data", "x.csv")</c>.</summary>
    public static string Path(params string[] parts) =>
        System.IO.Path.Combine([Root.Value, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "shared", "corpus");
            if (Directory.Exists(candidate))
            {
                return candidate;
            }
        }
        throw new DirectoryNotFoundException($"No shared/corpus folder above {AppContext.BaseDirectory}.");
    }
}
