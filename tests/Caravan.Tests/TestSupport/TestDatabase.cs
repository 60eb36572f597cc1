using Caravan.Storage;
using Caravan.Storage.Migrations;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Caravan.Tests.TestSupport;

/// <summary>
/// A fresh, migrated database for one test, on the provider chosen by <c>CARAVAN_TEST_DB</c> (<c>sqlite</c>, the
/// default, or <c>postgres</c> with <c>CARAVAN_TEST_PG</c> holding an admin connection string). On PostgreSQL
/// each instance creates a uniquely named database and drops it on dispose; on SQLite it uses a file in a new
/// temporary folder. When PostgreSQL is selected but unreachable, creation throws: the test fails, never skips.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string ProviderVariable = "CARAVAN_TEST_DB";
    public const string PostgresVariable = "CARAVAN_TEST_PG";

    private readonly List<CaravanDatabase> _opened = [];
    private readonly string? _postgresDatabaseName;
    private readonly string? _sqliteFolder;

    private TestDatabase(StorageOptions options, string? postgresDatabaseName, string? sqliteFolder)
    {
        Options = options;
        _postgresDatabaseName = postgresDatabaseName;
        _sqliteFolder = sqliteFolder;
        Database = OpenAnother();
    }

    /// <summary>The provider the environment selects for this test run.</summary>
    public static StorageProvider SelectedProvider
    {
        get
        {
            var value = Environment.GetEnvironmentVariable(ProviderVariable);
            return value?.Trim().ToUpperInvariant() switch
            {
                null or "" or "SQLITE" => StorageProvider.Sqlite,
                "POSTGRES" or "POSTGRESQL" or "PG" => StorageProvider.Postgres,
                _ => throw new InvalidOperationException($"{ProviderVariable} must be 'sqlite' or 'postgres' (was '{value}')."),
            };
        }
    }

    public StorageProvider Provider => Options.Provider;

    /// <summary>Options that open this test's database; a second node process would use the same.</summary>
    public StorageOptions Options { get; }

    /// <summary>The database handle the code under test uses (disposed with this instance).</summary>
    public CaravanDatabase Database { get; }

    /// <summary>Creates a fresh database for the selected provider, migrated to the latest schema unless told not to.</summary>
    public static async Task<TestDatabase> CreateAsync(bool migrate = true, CancellationToken cancellationToken = default)
    {
        TestDatabase database;
        if (SelectedProvider == StorageProvider.Postgres)
        {
            var admin = Environment.GetEnvironmentVariable(PostgresVariable);
            if (string.IsNullOrWhiteSpace(admin))
            {
                throw new InvalidOperationException($"{ProviderVariable}=postgres needs {PostgresVariable} set to an admin connection string (e.g. Host=127.0.0.1;Port=5432;Username=postgres).");
            }
            var name = "caravan_test_" + Guid.NewGuid().ToString("N");
            await using (var connection = new NpgsqlConnection(AdminConnectionString(admin)))
            {
                await connection.OpenAsync(cancellationToken);
                await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true };
            database = new TestDatabase(
                new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = builder.ConnectionString }, name, null);
        }
        else
        {
            var folder = Path.Combine(Path.GetTempPath(), "caravan-test-" + Guid.NewGuid().ToString("N"));
            database = new TestDatabase(
                new StorageOptions { Provider = StorageProvider.Sqlite, DataDirectory = folder }, null, folder);
        }
        if (migrate)
        {
            try
            {
                await new MigrationRunner(database.Database, TimeProvider.System).MigrateAsync(cancellationToken);
            }
            catch
            {
                await database.DisposeAsync();
                throw;
            }
        }
        return database;
    }

    /// <summary>
    /// Opens another independent handle on the same database (its own connection pool and, on SQLite, the same
    /// in-process writer lock), as a second node process would. Disposed with this instance.
    /// </summary>
    public CaravanDatabase OpenAnother()
    {
        var database = CaravanDatabase.Create(Options);
        lock (_opened)
        {
            _opened.Add(database);
        }
        return database;
    }

    /// <summary>Runs raw SQL on its own connection, bypassing the application's locks (e.g. to simulate tampering).</summary>
    public async Task ExecuteRawAsync(string sql)
    {
        if (Provider == StorageProvider.Postgres)
        {
            await using var connection = new NpgsqlConnection(Options.ConnectionString);
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync();
        }
        else
        {
            await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = Database.SqliteFile, Pooling = false }.ConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA busy_timeout = 10000; " + sql;
            await command.ExecuteNonQueryAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var database in _opened)
        {
            await database.DisposeAsync();
        }
        if (_postgresDatabaseName is not null)
        {
            await using var connection = new NpgsqlConnection(AdminConnectionString(Environment.GetEnvironmentVariable(PostgresVariable)!));
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabaseName}\" WITH (FORCE)", connection);
            await command.ExecuteNonQueryAsync();
        }
        if (_sqliteFolder is not null)
        {
            try
            {
                Directory.Delete(_sqliteFolder, recursive: true);
            }
            catch (IOException)
            {
                // Another test's pooled connection may still hold a handle briefly; the temp folder is disposable.
            }
        }
    }

    private static string AdminConnectionString(string admin) =>
        new NpgsqlConnectionStringBuilder(admin) { Pooling = false }.ConnectionString;
}
