using Caravan.Storage;
using Caravan.Tests.TestSupport;
using Dapper;

namespace Caravan.Tests.Storage;

public sealed class CaravanDatabaseTests
{
    private static async Task<TestDatabase> CreateWithProbeTableAsync()
    {
        var test = await TestDatabase.CreateAsync();
        await test.ExecuteRawAsync("CREATE TABLE probe (id integer PRIMARY KEY, n integer NOT NULL); INSERT INTO probe (id, n) VALUES (1, 0);");
        return test;
    }

    private static Task<int> ReadCounterAsync(CaravanDatabase database) =>
        database.ReadAsync((c, _) => c.ExecuteScalarAsync<int>("SELECT n FROM probe WHERE id = 1"), CancellationToken.None);

    [Fact]
    public async Task InTransaction_WorkThrows_RollsEverythingBack()
    {
        await using var test = await CreateWithProbeTableAsync();

        await Assert.ThrowsAsync<InvalidOperationException>(() => test.Database.InTransactionAsync(
            async (unit, ct) =>
            {
                await unit.Connection.ExecuteAsync("UPDATE probe SET n = 42 WHERE id = 1", transaction: unit.Transaction);
                throw new InvalidOperationException("boom");
            },
            CancellationToken.None));

        Assert.Equal(0, await ReadCounterAsync(test.Database));
    }

    [Fact]
    public async Task InTransaction_Nested_IsRefused()
    {
        await using var test = await CreateWithProbeTableAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => test.Database.InTransactionAsync(
            (unit, ct) => test.Database.InTransactionAsync((inner, ct2) => Task.CompletedTask, ct),
            CancellationToken.None));

        Assert.Contains("nesting", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InTransaction_OnCommitted_RunsAfterCommitOnly()
    {
        await using var test = await CreateWithProbeTableAsync();
        var committed = 0;

        await test.Database.InTransactionAsync(
            (unit, ct) =>
            {
                unit.OnCommitted(() => committed++);
                Assert.Equal(0, committed);
                return Task.CompletedTask;
            },
            CancellationToken.None);
        await Assert.ThrowsAsync<InvalidOperationException>(() => test.Database.InTransactionAsync(
            (unit, ct) =>
            {
                unit.OnCommitted(() => committed++);
                throw new InvalidOperationException("rolled back");
            },
            CancellationToken.None));

        Assert.Equal(1, committed);
    }

    [Fact]
    public async Task InTransaction_ManyConcurrentWritersInSeveralHandles_AllCommitWithoutLostUpdates()
    {
        await using var test = await CreateWithProbeTableAsync();
        var handles = Enumerable.Range(0, 3).Select(_ => test.OpenAnother()).ToList();

        await Task.WhenAll(Enumerable.Range(0, 8).Select(w => Task.Run(async () =>
        {
            var database = handles[w % handles.Count];
            for (var i = 0; i < 25; i++)
            {
                await database.InTransactionAsync(
                    async (unit, ct) =>
                    {
                        var n = await unit.Connection.ExecuteScalarAsync<int>(
                            $"SELECT n FROM probe WHERE id = 1{unit.Dialect.ForUpdate}", transaction: unit.Transaction);
                        await unit.Connection.ExecuteAsync("UPDATE probe SET n = @n WHERE id = 1", new { n = n + 1 }, unit.Transaction);
                    },
                    CancellationToken.None);
            }
        })));

        Assert.Equal(200, await ReadCounterAsync(test.Database));
    }

    [Fact]
    public async Task Sqlite_Connection_UsesWalBusyTimeoutForeignKeysAndNormalSync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "caravan-test-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var database = CaravanDatabase.Create(new StorageOptions { DataDirectory = folder, SqliteBusyTimeout = TimeSpan.FromSeconds(7) });

            var pragmas = await database.ReadAsync(
                async (c, _) => (
                    Journal: await c.ExecuteScalarAsync<string>("PRAGMA journal_mode"),
                    Busy: await c.ExecuteScalarAsync<long>("PRAGMA busy_timeout"),
                    ForeignKeys: await c.ExecuteScalarAsync<long>("PRAGMA foreign_keys"),
                    Synchronous: await c.ExecuteScalarAsync<long>("PRAGMA synchronous")),
                CancellationToken.None);

            Assert.Equal("wal", pragmas.Journal);
            Assert.Equal(7000, pragmas.Busy);
            Assert.Equal(1, pragmas.ForeignKeys);
            Assert.Equal(1, pragmas.Synchronous); // NORMAL
            Assert.Equal(Path.Combine(folder, StorageOptions.DefaultSqliteFileName), database.SqliteFile);
            Assert.True(File.Exists(database.SqliteFile));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Dialect_TimestampRoundTrip_KeepsMicroseconds()
    {
        var instant = new DateTimeOffset(2026, 5, 6, 7, 8, 9, TimeSpan.FromHours(3)).AddTicks(1_234_567);

        var sqlite = SqlDialect.Sqlite.FromDbTime(SqlDialect.Sqlite.ToDbTime(instant));
        var postgres = SqlDialect.Postgres.FromDbTime(SqlDialect.Postgres.ToDbTime(instant));

        Assert.Equal(instant.AddTicks(-7), sqlite);
        Assert.Equal(sqlite, postgres);
        Assert.Equal(TimeSpan.Zero, sqlite.Offset);
    }
}
