using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;

namespace Caravan.Storage.Migrations;

/// <summary>
/// One versioned schema script for one provider. The checksum is the SHA-256 of the script with line endings
/// normalised to LF, so that a checkout with CRLF endings does not look like an edited script.
/// </summary>
public sealed class Migration
{
    private const string ResourcePrefix = "Caravan.Storage.Migrations.";

    public Migration(int version, string name, string script)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(version);
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        ArgumentNullException.ThrowIfNull(script);
        Version = version;
        Name = name;
        Script = script;
        Checksum = ComputeChecksum(script);
    }

    public int Version { get; }

    public string Name { get; }

    public string Script { get; }

    /// <summary>Lower-case hex SHA-256 of the normalised script.</summary>
    public string Checksum { get; }

    /// <summary>
    /// The scripts embedded in the Caravan assembly for <paramref name="provider"/>
    /// (<c>Storage/Migrations/{sqlite,postgres}/NNNN_name.sql</c>), ordered by version.
    /// </summary>
    public static IReadOnlyList<Migration> LoadEmbedded(StorageProvider provider) =>
        LoadEmbedded(provider, typeof(Migration).Assembly);

    internal static IReadOnlyList<Migration> LoadEmbedded(StorageProvider provider, Assembly assembly)
    {
        // A provider's own scripts, plus the scripts written in the SQL both providers share (common/).
        string[] folders = [ResourcePrefix + FolderName(provider) + ".", ResourcePrefix + "common."];
        var migrations = new List<Migration>();
        foreach (var resourceName in assembly.GetManifestResourceNames())
        {
            // The logical name carries the sub-folder with the build machine's separator.
            var resource = resourceName.Replace('/', '.').Replace('\\', '.');
            var folder = folders.FirstOrDefault(f => resource.StartsWith(f, StringComparison.Ordinal));
            if (folder is null || !resource.EndsWith(".sql", StringComparison.Ordinal))
            {
                continue;
            }
            var fileName = resource[folder.Length..^".sql".Length];
            var separator = fileName.IndexOf('_', StringComparison.Ordinal);
            if (separator <= 0 || !int.TryParse(fileName.AsSpan(0, separator), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
            {
                throw new MigrationException($"Migration resource '{resource}' is not named NNNN_name.sql.");
            }
            using var stream = assembly.GetManifestResourceStream(resourceName)!;
            using var reader = new StreamReader(stream, Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            migrations.Add(new Migration(version, fileName[(separator + 1)..], reader.ReadToEnd()));
        }
        migrations.Sort((a, b) => a.Version.CompareTo(b.Version));
        for (var i = 1; i < migrations.Count; i++)
        {
            if (migrations[i].Version == migrations[i - 1].Version)
            {
                throw new MigrationException($"Two {FolderName(provider)} migrations share version {migrations[i].Version}: '{migrations[i - 1].Name}' and '{migrations[i].Name}'.");
            }
        }
        return migrations;
    }

    internal static string FolderName(StorageProvider provider) => provider switch
    {
        StorageProvider.Sqlite => "sqlite",
        StorageProvider.Postgres => "postgres",
        _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown storage provider."),
    };

    private static string ComputeChecksum(string script)
    {
        var normalised = script.Replace("\r\n", "\n", StringComparison.Ordinal).TrimStart('\uFEFF');
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(normalised)));
    }

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{Version:D4}_{Name}");
}
