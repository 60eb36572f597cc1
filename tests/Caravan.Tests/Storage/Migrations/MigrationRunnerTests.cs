using Caravan.Storage;
using Caravan.Storage.Migrations;
using Caravan.Tests.TestSupport;
using Dapper;

namespace Caravan.Tests.Storage.Migrations;

public sealed class MigrationRunnerTests
{
    private static MigrationRunner CreateSut(CaravanDatabase database, IEnumerable<Migration>? migrations = null) =>
        migrations is null
            ? new MigrationRunner(database, TimeProvider.System)
            : new MigrationRunner(database, TimeProvider.System, migrations);

    [Fact]
    public async Task Migrate_FreshDatabase_AppliesEveryEmbeddedScriptAndRecordsItsChecksum()
    {
        await using var test = await TestDatabase.CreateAsync(migrate: false);
        var runner = CreateSut(test.Database);

        var report = await runner.MigrateAsync(CancellationToken.None);

        Assert.Equal(runner.Migrations.Select(m => m.Version), report.Applied.Select(m => m.Version));
        var applied = await runner.GetAppliedAsync(CancellationToken.None);
        var first = Assert.Single(applied, a => a.Version == 1);
        Assert.Equal("gateway", first.Name);
        Assert.Equal(runner.Migrations[0].Checksum, first.Checksum);
        var tables = await test.Database.ReadAsync(
            (c, _) => c.ExecuteScalarAsync<long>("SELECT count(*) FROM audit_chain_head WHERE seq = 0"), CancellationToken.None);
        Assert.Equal(1, tables);
    }

    [Fact]
    public async Task Migrate_AlreadyUpToDate_AppliesNothing()
    {
        await using var test = await TestDatabase.CreateAsync();

        var report = await CreateSut(test.Database).MigrateAsync(CancellationToken.None);

        Assert.Empty(report.Applied);
        Assert.Empty(report.UnknownToThisBuild);
    }

    [Fact]
    public async Task Migrate_NewScriptAdded_AppliesOnlyTheNewOne()
    {
        await using var test = await TestDatabase.CreateAsync();
        var embedded = Migration.LoadEmbedded(test.Provider);
        var extra = new Migration(9001, "widgets", "CREATE TABLE widgets (id integer PRIMARY KEY, name text NOT NULL);");

        var report = await CreateSut(test.Database, [.. embedded, extra]).MigrateAsync(CancellationToken.None);

        Assert.Equal([9001], report.Applied.Select(m => m.Version));
        await test.Database.InTransactionAsync(
            (unit, ct) => unit.Connection.ExecuteAsync("INSERT INTO widgets (id, name) VALUES (1, 'a')", transaction: unit.Transaction),
            CancellationToken.None);
    }

    [Fact]
    public async Task Migrate_AppliedScriptWasEdited_ThrowsNamingTheMigrationAndChecksums()
    {
        await using var test = await TestDatabase.CreateAsync();
        var embedded = Migration.LoadEmbedded(test.Provider);
        var edited = embedded.Select(m => m.Version == 1 ? new Migration(1, m.Name, m.Script + "\n-- edited\n") : m).ToList();

        var error = await Assert.ThrowsAsync<MigrationException>(() => CreateSut(test.Database, edited).MigrateAsync(CancellationToken.None));

        Assert.Contains("0001_gateway", error.Message, StringComparison.Ordinal);
        Assert.Contains(embedded[0].Checksum, error.Message, StringComparison.Ordinal);
        Assert.Contains(edited[0].Checksum, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Migrate_FailingScript_RollsBackAndRecordsNothing()
    {
        await using var test = await TestDatabase.CreateAsync();
        var embedded = Migration.LoadEmbedded(test.Provider);
        var broken = new Migration(9002, "broken", "CREATE TABLE half_done (id integer PRIMARY KEY); SELECT * FROM no_such_table;");
        var runner = CreateSut(test.Database, [.. embedded, broken]);

        var error = await Assert.ThrowsAsync<MigrationException>(() => runner.MigrateAsync(CancellationToken.None));

        Assert.Contains("9002_broken", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(await runner.GetAppliedAsync(CancellationToken.None), a => a.Version == 9002);
        var retry = CreateSut(test.Database, [.. embedded, new Migration(9002, "broken", "CREATE TABLE half_done (id integer PRIMARY KEY);")]);
        var report = await retry.MigrateAsync(CancellationToken.None);
        Assert.Equal([9002], report.Applied.Select(m => m.Version));
    }

    [Fact]
    public async Task Migrate_TwoProcessesStartTogether_EachScriptAppliedOnce()
    {
        await using var test = await TestDatabase.CreateAsync(migrate: false);
        var first = CreateSut(test.OpenAnother());
        var second = CreateSut(test.OpenAnother());

        var reports = await Task.WhenAll(
            Task.Run(() => first.MigrateAsync(CancellationToken.None)),
            Task.Run(() => second.MigrateAsync(CancellationToken.None)));

        var appliedVersions = reports.SelectMany(r => r.Applied).Select(m => m.Version).Order().ToList();
        Assert.Equal(first.Migrations.Select(m => m.Version), appliedVersions);
        Assert.Equal(first.Migrations.Count, (await first.GetAppliedAsync(CancellationToken.None)).Count);
    }

    [Fact]
    public async Task Migrate_DatabaseHasNewerVersion_ReportsItWithoutFailing()
    {
        await using var test = await TestDatabase.CreateAsync();
        var embedded = Migration.LoadEmbedded(test.Provider);
        await CreateSut(test.Database, [.. embedded, new Migration(9003, "future", "CREATE TABLE future_things (id integer PRIMARY KEY);")])
            .MigrateAsync(CancellationToken.None);

        var report = await CreateSut(test.Database).MigrateAsync(CancellationToken.None);

        Assert.Equal([9003], report.UnknownToThisBuild.Select(a => a.Version));
    }

    [Fact]
    public void LoadEmbedded_BothProviders_HaveTheSameVersionsAndNames()
    {
        var sqlite = Migration.LoadEmbedded(StorageProvider.Sqlite);
        var postgres = Migration.LoadEmbedded(StorageProvider.Postgres);

        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite.Select(m => m.ToString()), postgres.Select(m => m.ToString()));
    }

    [Fact]
    public void Checksum_LineEndingsDiffer_IsTheSame()
    {
        var unix = new Migration(1, "x", "CREATE TABLE a (id int);\nCREATE TABLE b (id int);\n");
        var windows = new Migration(1, "x", "CREATE TABLE a (id int);\r\nCREATE TABLE b (id int);\r\n");
        var edited = new Migration(1, "x", "CREATE TABLE a (id int);\nCREATE TABLE c (id int);\n");

        Assert.Equal(unix.Checksum, windows.Checksum);
        Assert.NotEqual(unix.Checksum, edited.Checksum);
    }
}
