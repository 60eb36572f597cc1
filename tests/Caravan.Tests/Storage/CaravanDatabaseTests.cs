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
    public async Task InTransaction_BeforeCommit_RunsInTheTransactionAfterTheWork_AndItsFailureRollsBack()
    {
        await using var test = await CreateWithProbeTableAsync();
        var order = new List<string>();

        await test.Database.InTransactionAsync(
            async (unit, ct) =>
            {
                unit.OnBeforeCommit(async c =>
                {
                    order.Add("before-commit");
                    await unit.Connection.ExecuteAsync("UPDATE probe SET n = n * 10 WHERE id = 1", transaction: unit.Transaction);
                });
                unit.OnCommitted(() => order.Add("committed"));
                await unit.Connection.ExecuteAsync("UPDATE probe SET n = 4 WHERE id = 1", transaction: unit.Transaction);
                order.Add("work");
            },
            CancellationToken.None);
        Assert.Equal(["work", "before-commit", "committed"], order);
        Assert.Equal(40, await ReadCounterAsync(test.Database));

        await Assert.ThrowsAsync<InvalidOperationException>(() => test.Database.InTransactionAsync(
            async (unit, ct) =>
            {
                unit.OnBeforeCommit(_ => throw new InvalidOperationException("flush failed"));
                await unit.Connection.ExecuteAsync("UPDATE probe SET n = 7 WHERE id = 1", transaction: unit.Transaction);
            },
            CancellationToken.None));
        Assert.Equal(40, await ReadCounterAsync(test.Database));
    }

    [Fact]
    public async Task GroupTransaction_ConcurrentWork_AllCommitsAndEachCallerGetsItsOwnResult()
    {
        await using var test = await CreateWithProbeTableAsync();
        await test.ExecuteRawAsync("CREATE TABLE group_rows (id integer PRIMARY KEY, caller integer NOT NULL)");
        var committed = 0;

        var results = await Task.WhenAll(Enumerable.Range(1, 200).Select(i => Task.Run(() => test.Database.InGroupTransactionAsync(
            async (unit, ct) =>
            {
                await unit.Connection.ExecuteAsync("INSERT INTO group_rows (id, caller) VALUES (@i, @i)", new { i }, unit.Transaction);
                await unit.Connection.ExecuteAsync("UPDATE probe SET n = n + 1 WHERE id = 1", transaction: unit.Transaction);
                unit.OnCommitted(() => Interlocked.Increment(ref committed));
                return i * 10;
            },
            CancellationToken.None))));

        Assert.Equal(Enumerable.Range(1, 200).Select(i => i * 10), results);
        Assert.Equal(200, await ReadCounterAsync(test.Database));
        Assert.Equal(200, await test.Database.ReadAsync((c, _) => c.ExecuteScalarAsync<int>("SELECT count(*) FROM group_rows"), CancellationToken.None));
        Assert.Equal(200, committed);
    }

    [Fact]
    public async Task GroupTransaction_OneWorkFails_OnlyThatCallerFailsAndNothingOfItIsKept()
    {
        await using var test = await CreateWithProbeTableAsync();
        await test.ExecuteRawAsync("CREATE TABLE group_rows (id integer PRIMARY KEY, caller integer NOT NULL)");
        var runs = new int[61];
        using var gate = new SemaphoreSlim(0);

        // The failing caller writes, then throws: whichever group it lands in rolls back and runs again unit by unit.
        var calls = Enumerable.Range(1, 60).Select(i => Task.Run(async () =>
        {
            await gate.WaitAsync();
            return await test.Database.InGroupTransactionAsync(
                async (unit, ct) =>
                {
                    Interlocked.Increment(ref runs[i]);
                    await unit.Connection.ExecuteAsync("INSERT INTO group_rows (id, caller) VALUES (@i, @i)", new { i }, unit.Transaction);
                    await unit.Connection.ExecuteAsync("UPDATE probe SET n = n + 1 WHERE id = 1", transaction: unit.Transaction);
                    if (i == 17)
                    {
                        throw new InvalidOperationException("caller 17 refuses");
                    }
                    return i;
                },
                CancellationToken.None);
        })).ToList();
        gate.Release(60);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => calls[16]);
        Assert.Equal("caller 17 refuses", error.Message);
        foreach (var (call, i) in calls.Select((c, k) => (c, k + 1)).Where(x => x.Item2 != 17))
        {
            Assert.Equal(i, await call);
        }
        Assert.Equal(59, await ReadCounterAsync(test.Database));
        var ids = (await test.Database.ReadAsync((c, _) => c.QueryAsync<int>("SELECT id FROM group_rows ORDER BY id"), CancellationToken.None)).ToList();
        Assert.Equal(Enumerable.Range(1, 60).Where(i => i != 17), ids);
        Assert.True(runs[17] >= 1);
    }

    [Fact]
    public async Task GroupTransaction_InsideAUnitOfWork_IsRefused()
    {
        await using var test = await CreateWithProbeTableAsync();

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => test.Database.InTransactionAsync(
            (unit, ct) => test.Database.InGroupTransactionAsync((inner, ct2) => Task.FromResult(1), ct),
            CancellationToken.None));

        Assert.Contains("nesting", error.Message, StringComparison.Ordinal);
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
