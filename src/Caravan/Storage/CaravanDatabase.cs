using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Caravan.Storage;

/// <summary>
/// The node's database: hands out open connections (pooled on both providers) and runs units of work in one
/// transaction. On SQLite every connection uses WAL, a busy timeout, foreign keys and <c>synchronous=NORMAL</c>,
/// and write transactions are serialised in-process (one <c>BEGIN IMMEDIATE</c> at a time per database file) so
/// concurrent writers queue instead of failing with SQLITE_BUSY. On PostgreSQL connections come from one
/// <see cref="NpgsqlDataSource"/> with automatic statement preparation.
/// </summary>
public sealed class CaravanDatabase : IAsyncDisposable, IDisposable
{
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteWriteLocks = new(StringComparer.Ordinal);

    private readonly AsyncLocal<bool> _inTransaction = new();
    private readonly NpgsqlDataSource? _dataSource;
    private readonly string? _sqliteConnectionString;
    private readonly string? _sqlitePragmas;
    private readonly SemaphoreSlim? _sqliteWriteLock;
    private GroupCommit? _groupCommit;

    private CaravanDatabase(NpgsqlDataSource dataSource)
    {
        Dialect = SqlDialect.Postgres;
        _dataSource = dataSource;
    }

    private CaravanDatabase(string sqliteConnectionString, string sqliteFile, TimeSpan busyTimeout)
    {
        Dialect = SqlDialect.Sqlite;
        _sqliteConnectionString = sqliteConnectionString;
        _sqlitePragmas = FormattableString.Invariant(
            $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA foreign_keys = ON; PRAGMA synchronous = NORMAL;");
        _sqliteWriteLock = SqliteWriteLocks.GetOrAdd(sqliteFile, static _ => new SemaphoreSlim(1, 1));
        SqliteFile = sqliteFile;
    }

    public StorageProvider Provider => Dialect.Provider;

    public SqlDialect Dialect { get; }

    /// <summary>The full path of the SQLite file, or null on PostgreSQL.</summary>
    public string? SqliteFile { get; }

    /// <summary>
    /// Validates <paramref name="options"/> and creates the database handle (creating the SQLite file and its folder,
    /// and switching it to WAL, when needed). Throws <see cref="StorageConfigurationException"/> listing every
    /// invalid setting.
    /// </summary>
    public static CaravanDatabase Create(StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new StorageConfigurationException(errors);
        }
        return options.Provider switch
        {
            StorageProvider.Postgres => CreatePostgres(options.ConnectionString!),
            StorageProvider.Sqlite => CreateSqlite(options),
            _ => throw new StorageConfigurationException($"{StorageOptions.SectionName}:Provider '{options.Provider}' is not supported."),
        };
    }

    /// <summary>Opens a pooled connection (the caller disposes it), configured for this node.</summary>
    public async ValueTask<DbConnection> OpenConnectionAsync(CancellationToken cancellationToken)
    {
        if (_dataSource is not null)
        {
            return await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }
        var connection = new SqliteConnection(_sqliteConnectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            using var command = connection.CreateCommand();
            command.CommandText = _sqlitePragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in one write transaction (READ COMMITTED on PostgreSQL, <c>BEGIN IMMEDIATE</c>
    /// under the in-process writer lock on SQLite) and commits when it returns; any exception rolls everything back
    /// and propagates. Units of work must not nest.
    /// </summary>
    public async Task<T> InTransactionAsync<T>(Func<UnitOfWork, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        ThrowIfInTransaction();
        var locked = false;
        if (_sqliteWriteLock is not null)
        {
            await _sqliteWriteLock.WaitAsync(cancellationToken).ConfigureAwait(false);
            locked = true;
        }
        _inTransaction.Value = true;
        try
        {
            var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            await using (connection.ConfigureAwait(false))
            {
                var transaction = connection is SqliteConnection sqlite
                    ? sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false)
                    : await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken).ConfigureAwait(false);
                UnitOfWork unit;
                T result;
                await using (transaction.ConfigureAwait(false))
                {
                    unit = new UnitOfWork(connection, transaction, Dialect);
                    result = await work(unit, cancellationToken).ConfigureAwait(false);
                    await unit.RunBeforeCommitAsync(cancellationToken).ConfigureAwait(false);
                    await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                }
                unit.RunCommittedCallbacks();
                return result;
            }
        }
        finally
        {
            _inTransaction.Value = false;
            if (locked)
            {
                _sqliteWriteLock!.Release();
            }
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction that it may share with other callers' work queued at the
    /// same time (group commit): one commit serves them all. If the shared transaction fails, each unit of work runs
    /// again alone, so a failure stays with the work that caused it. Use it for short, frequent, independent units of
    /// work on a hot path (each received AS4 message); the work may run twice and must keep its effects in the unit of
    /// work. Once queued, the work runs to its end: <paramref name="cancellationToken"/> is checked only before.
    /// </summary>
    public Task<T> InGroupTransactionAsync<T>(Func<UnitOfWork, CancellationToken, Task<T>> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        ThrowIfInTransaction();
        return LazyInitializer.EnsureInitialized(ref _groupCommit, () => new GroupCommit(this)).RunAsync(work);
    }

    private void ThrowIfInTransaction()
    {
        if (_inTransaction.Value)
        {
            throw new InvalidOperationException("A unit of work is already running on this database in this flow; pass its UnitOfWork down instead of nesting.");
        }
    }

    /// <inheritdoc cref="InTransactionAsync{T}(Func{UnitOfWork, CancellationToken, Task{T}}, CancellationToken)"/>
    public Task InTransactionAsync(Func<UnitOfWork, CancellationToken, Task> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        return InTransactionAsync<bool>(
            async (unit, ct) =>
            {
                await work(unit, ct).ConfigureAwait(false);
                return true;
            },
            cancellationToken);
    }

    /// <summary>Runs read-only work on a pooled connection, outside any write lock.</summary>
    public async Task<T> ReadAsync<T>(Func<DbConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            return await read(connection, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Runs read-only work in one consistent snapshot (REPEATABLE READ on PostgreSQL, a deferred read transaction on
    /// SQLite), so several queries see the same state.
    /// </summary>
    public async Task<T> ReadSnapshotAsync<T>(Func<DbConnection, DbTransaction, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        var connection = await OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using (connection.ConfigureAwait(false))
        {
            var transaction = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: true)
                : await connection.BeginTransactionAsync(IsolationLevel.RepeatableRead, cancellationToken).ConfigureAwait(false);
            await using (transaction.ConfigureAwait(false))
            {
                var result = await read(connection, transaction, cancellationToken).ConfigureAwait(false);
                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                return result;
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_dataSource is not null)
        {
            await _dataSource.DisposeAsync().ConfigureAwait(false);
        }
        else
        {
            ClearSqlitePool();
        }
    }

    public void Dispose()
    {
        if (_dataSource is not null)
        {
            _dataSource.Dispose();
        }
        else
        {
            ClearSqlitePool();
        }
    }

    private void ClearSqlitePool()
    {
        using var connection = new SqliteConnection(_sqliteConnectionString);
        SqliteConnection.ClearPool(connection);
    }

    private static CaravanDatabase CreatePostgres(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var settings = builder.ConnectionStringBuilder;
        if (settings.MaxAutoPrepare == 0)
        {
            settings.MaxAutoPrepare = 64;
        }
        // Caravan keeps no session state on a connection (no SET, no session advisory locks, no LISTEN, no temporary
        // tables; migrations take pg_advisory_xact_lock, which ends with its transaction), so returning a connection to
        // the pool needs no reset. The reset costs six statements (SET SESSION AUTHORIZATION, RESET ALL, CLOSE ALL, UNLISTEN,
        // pg_advisory_unlock_all, DISCARD SEQUENCES) on the next use of every pooled connection, several per request.
        // A connection string that names the setting keeps its own choice.
        if (!connectionString.Contains("No Reset On Close", StringComparison.OrdinalIgnoreCase)
            && !connectionString.Contains("NoResetOnClose", StringComparison.OrdinalIgnoreCase))
        {
            settings.NoResetOnClose = true;
        }
        if (string.IsNullOrEmpty(settings.ApplicationName))
        {
            settings.ApplicationName = "caravan";
        }
        return new CaravanDatabase(builder.Build());
    }

    private static CaravanDatabase CreateSqlite(StorageOptions options)
    {
        var connectionString = options.BuildSqliteConnectionString();
        var file = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        var folder = Path.GetDirectoryName(file);
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
        }
        using (var connection = new SqliteConnection(connectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            // WAL is a property of the file: set once, it lets readers run alongside the single writer.
            command.CommandText = "PRAGMA journal_mode = WAL;";
            var mode = command.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new StorageConfigurationException($"{StorageOptions.SectionName}: the SQLite file '{file}' could not be switched to WAL mode (got '{mode}').");
            }
        }
        return new CaravanDatabase(connectionString, file, options.SqliteBusyTimeout);
    }
}
