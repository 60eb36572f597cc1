using Microsoft.Data.Sqlite;
using Npgsql;

namespace Caravan.Storage;

/// <summary>
/// Where and how a node stores its data. Bound from the <c>Caravan:Storage</c> configuration section and
/// validated at start-up by <see cref="Validate"/>; every message names the offending setting.
/// </summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section these options are bound from.</summary>
    public const string SectionName = "Caravan:Storage";

    /// <summary>The file name used when only <see cref="DataDirectory"/> is given.</summary>
    public const string DefaultSqliteFileName = "caravan.db";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>
    /// The ADO.NET connection string: required for PostgreSQL; for SQLite an alternative to
    /// <see cref="SqlitePath"/>.
    /// </summary>
    public string? ConnectionString { get; set; }

    /// <summary>The SQLite database file. A relative path is resolved against <see cref="DataDirectory"/>.</summary>
    public string? SqlitePath { get; set; }

    /// <summary>The node's data folder; the SQLite file defaults to <c>caravan.db</c> in it.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>How long a SQLite statement waits for a lock held by another connection.</summary>
    public TimeSpan SqliteBusyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Whether start-up applies pending migrations (true by default).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Checks the options and returns one message per problem (empty when valid).</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        switch (Provider)
        {
            case StorageProvider.Sqlite:
                ValidateSqlite(errors);
                break;
            case StorageProvider.Postgres:
                ValidatePostgres(errors);
                break;
            default:
                errors.Add($"{SectionName}:Provider must be Sqlite or Postgres (was '{Provider}').");
                break;
        }
        if (SqliteBusyTimeout < TimeSpan.Zero || SqliteBusyTimeout > TimeSpan.FromMinutes(10))
        {
            errors.Add($"{SectionName}:SqliteBusyTimeout must be between 0 and 10 minutes.");
        }
        return errors;
    }

    /// <summary>The full SQLite connection string these options describe. Call only when valid.</summary>
    internal string BuildSqliteConnectionString()
    {
        var builder = string.IsNullOrWhiteSpace(ConnectionString)
            ? new SqliteConnectionStringBuilder { DataSource = ResolveSqlitePath() }
            : new SqliteConnectionStringBuilder(ConnectionString);
        builder.Pooling = true;
        builder.ForeignKeys = true;
        builder.DefaultTimeout = Math.Max(1, (int)Math.Ceiling(SqliteBusyTimeout.TotalSeconds));
        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        return builder.ToString();
    }

    private string ResolveSqlitePath()
    {
        if (string.IsNullOrWhiteSpace(SqlitePath))
        {
            return Path.GetFullPath(Path.Combine(DataDirectory!, DefaultSqliteFileName));
        }
        return string.IsNullOrWhiteSpace(DataDirectory)
            ? Path.GetFullPath(SqlitePath)
            : Path.GetFullPath(SqlitePath, Path.GetFullPath(DataDirectory));
    }

    private void ValidateSqlite(List<string> errors)
    {
        var hasConnectionString = !string.IsNullOrWhiteSpace(ConnectionString);
        var hasPath = !string.IsNullOrWhiteSpace(SqlitePath);
        if (hasConnectionString && hasPath)
        {
            errors.Add($"{SectionName}:ConnectionString and {SectionName}:SqlitePath are both set; set only one of them for SQLite.");
            return;
        }
        if (!hasConnectionString && !hasPath && string.IsNullOrWhiteSpace(DataDirectory))
        {
            errors.Add($"{SectionName}:SqlitePath (or {SectionName}:DataDirectory) is required when {SectionName}:Provider is Sqlite.");
            return;
        }
        if (hasConnectionString)
        {
            try
            {
                var builder = new SqliteConnectionStringBuilder(ConnectionString);
                if (string.IsNullOrWhiteSpace(builder.DataSource))
                {
                    errors.Add($"{SectionName}:ConnectionString must name a Data Source for SQLite.");
                }
                else if (builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
                {
                    errors.Add($"{SectionName}:ConnectionString must name a file: an in-memory SQLite database is lost between connections.");
                }
            }
            catch (ArgumentException)
            {
                errors.Add($"{SectionName}:ConnectionString is not a valid SQLite connection string.");
            }
            return;
        }
        try
        {
            var path = ResolveSqlitePath();
            if (Directory.Exists(path))
            {
                errors.Add($"{SectionName}:SqlitePath points to a folder ('{path}'); give a file path.");
            }
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException or PathTooLongException)
        {
            errors.Add($"{SectionName}:SqlitePath is not a valid file path.");
        }
    }

    private void ValidatePostgres(List<string> errors)
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            errors.Add($"{SectionName}:ConnectionString is required when {SectionName}:Provider is Postgres.");
            return;
        }
        if (!string.IsNullOrWhiteSpace(SqlitePath))
        {
            errors.Add($"{SectionName}:SqlitePath is set but {SectionName}:Provider is Postgres; remove one of them.");
        }
        try
        {
            // The message never echoes the connection string: it may hold a password.
            var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
            if (string.IsNullOrWhiteSpace(builder.Host))
            {
                errors.Add($"{SectionName}:ConnectionString must name a Host for PostgreSQL.");
            }
        }
        catch (ArgumentException)
        {
            errors.Add($"{SectionName}:ConnectionString is not a valid PostgreSQL connection string.");
        }
    }
}
