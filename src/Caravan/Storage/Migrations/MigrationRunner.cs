using System.Data.Common;
using Dapper;

namespace Caravan.Storage.Migrations;

/// <summary>
/// Brings the schema up to date on start-up: applies each pending script in version order, one transaction per
/// script, and records it in <c>schema_migrations</c> (version, name, checksum, applied_at). A script whose checksum
/// differs from the one recorded when it was applied stops start-up with a <see cref="MigrationException"/>. On
/// PostgreSQL every step holds a transaction-scoped advisory lock, so node processes starting together apply each
/// script exactly once.
/// </summary>
public sealed class MigrationRunner
{
    /// <summary>The advisory lock key ("Caravan1" in ASCII) that serialises migrations on PostgreSQL.</summary>
    internal const long AdvisoryLockKey = 0x4361726176616E31;

    private readonly CaravanDatabase _database;
    private readonly TimeProvider _timeProvider;

    public MigrationRunner(CaravanDatabase database, TimeProvider timeProvider)
        : this(database, timeProvider, Migration.LoadEmbedded(database?.Provider ?? StorageProvider.Sqlite))
    {
    }

    public MigrationRunner(CaravanDatabase database, TimeProvider timeProvider, IEnumerable<Migration> migrations)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(timeProvider);
        ArgumentNullException.ThrowIfNull(migrations);
        _database = database;
        _timeProvider = timeProvider;
        Migrations = [.. migrations.OrderBy(m => m.Version)];
        for (var i = 1; i < Migrations.Count; i++)
        {
            if (Migrations[i].Version == Migrations[i - 1].Version)
            {
                throw new ArgumentException($"Two migrations share version {Migrations[i].Version}.", nameof(migrations));
            }
        }
    }

    /// <summary>The scripts this build knows, in version order.</summary>
    public IReadOnlyList<Migration> Migrations { get; }

    /// <summary>Applies every pending script; throws <see cref="MigrationException"/> when an applied script changed.</summary>
    public async Task<MigrationReport> MigrateAsync(CancellationToken cancellationToken)
    {
        var applied = new List<Migration>();
        IReadOnlyList<AppliedMigration> unknown = [];
        while (true)
        {
            var step = await _database.InTransactionAsync(ApplyNextAsync, cancellationToken).ConfigureAwait(false);
            unknown = step.Unknown;
            if (step.Applied is null)
            {
                return new MigrationReport(applied, unknown);
            }
            applied.Add(step.Applied);
        }
    }

    /// <summary>The scripts recorded as applied, in version order (empty when the table does not exist yet).</summary>
    public async Task<IReadOnlyList<AppliedMigration>> GetAppliedAsync(CancellationToken cancellationToken) =>
        await _database.InTransactionAsync(
            async (unit, ct) =>
            {
                await EnsureTableAsync(unit, ct).ConfigureAwait(false);
                return await ReadAppliedAsync(unit, ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);

    private async Task<Step> ApplyNextAsync(UnitOfWork unit, CancellationToken cancellationToken)
    {
        if (unit.Provider == StorageProvider.Postgres)
        {
            await unit.Connection.ExecuteAsync(new CommandDefinition(
                "SELECT pg_advisory_xact_lock(@key)", new { key = AdvisoryLockKey }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        }
        await EnsureTableAsync(unit, cancellationToken).ConfigureAwait(false);
        var recorded = await ReadAppliedAsync(unit, cancellationToken).ConfigureAwait(false);
        var byVersion = recorded.ToDictionary(r => r.Version);
        foreach (var migration in Migrations)
        {
            if (byVersion.TryGetValue(migration.Version, out var record) && !string.Equals(record.Checksum, migration.Checksum, StringComparison.Ordinal))
            {
                throw new MigrationException(
                    $"Migration {migration} ({Migration.FolderName(unit.Provider)}) was changed after it was applied on {record.AppliedAt:O}: " +
                    $"recorded checksum {record.Checksum}, script checksum {migration.Checksum}. Applied scripts must never be edited; " +
                    "restore the original script and add a new migration for the change.");
            }
        }
        var known = Migrations.Select(m => m.Version).ToHashSet();
        var unknown = recorded.Where(r => !known.Contains(r.Version)).ToList();
        var next = Migrations.FirstOrDefault(m => !byVersion.ContainsKey(m.Version));
        if (next is null)
        {
            return new Step(null, unknown);
        }
        try
        {
            using var command = unit.CreateCommand(next.Script);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbException e)
        {
            throw new MigrationException($"Migration {next} ({Migration.FolderName(unit.Provider)}) failed: {e.Message}", e);
        }
        using (var insert = unit.CreateCommand("INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (@version, @name, @checksum, @applied_at)"))
        {
            insert.With("version", next.Version)
                .With("name", next.Name)
                .With("checksum", next.Checksum)
                .With("applied_at", unit.Dialect.ToDbTime(_timeProvider.GetUtcNow()));
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        return new Step(next, unknown);
    }

    private static async Task EnsureTableAsync(UnitOfWork unit, CancellationToken cancellationToken)
    {
        var sql = $"""
            CREATE TABLE IF NOT EXISTS schema_migrations (
                version integer NOT NULL PRIMARY KEY,
                name text NOT NULL,
                checksum text NOT NULL,
                applied_at {unit.Dialect.TimestampType} NOT NULL
            )
            """;
        using var command = unit.CreateCommand(sql);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static async Task<List<AppliedMigration>> ReadAppliedAsync(UnitOfWork unit, CancellationToken cancellationToken)
    {
        using var command = unit.CreateCommand("SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version");
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            var result = new List<AppliedMigration>();
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                result.Add(new AppliedMigration(
                    reader.GetInt32(0), reader.GetString(1), reader.GetString(2), unit.Dialect.ReadTime(reader, 3)));
            }
            return result;
        }
    }

    private sealed record Step(Migration? Applied, IReadOnlyList<AppliedMigration> Unknown);
}
