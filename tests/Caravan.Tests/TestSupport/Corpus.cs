namespace Caravan.Tests.TestSupport;

/// <summary>Locates the shared test corpus (the <c>shared/corpus</c> folder beside the repository).</summary>
public static class Corpus
{
    public static string Path(params string[] parts)
    {
        ArgumentNullException.ThrowIfNull(parts);
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(System.IO.Path.Combine(directory.FullName, "shared", "corpus")))
        {
            directory = directory.Parent;
        }
        if (directory is null)
        {
            throw new DirectoryNotFoundException($"No shared/corpus folder above {AppContext.BaseDirectory}.");
        }
        return System.IO.Path.Combine([directory.FullName, "shared", "corpus", .. parts]);
    }
}
