using System.CommandLine;
using System.Text.Json;
using Caravan.Cli;
using Caravan.Cli.Commands;
using Caravan.Exchange.Audit;
using Caravan.Storage;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Cli.Commands;

public sealed class AuditCommandTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        var audit = new AuditLog(_db.Database);
        for (var i = 0; i < 5; i++)
        {
            await _db.Database.InTransactionAsync((unit, ct) => audit.AppendAsync(unit, new AuditEntry
            {
                At = TimeProvider.System.GetUtcNow(),
                Actor = "gateway:UZ",
                Kind = AuditKinds.Sent,
                MessageId = $"m{i}@uz.caravan",
                DetailsJson = JsonSerializer.Serialize(new { n = i }),
            }, ct), CancellationToken.None);
        }
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private string[] Target() => _db.Provider == StorageProvider.Postgres
        ? ["--postgres", _db.Options.ConnectionString!]
        : ["--data-folder", Path.GetDirectoryName(_db.Database.SqliteFile)!];

    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand { AuditCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliRunner.RunAsync(root, ["audit", "verify", .. args], output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Verify_IntactChain_ExitsZeroWithTheEntryCount()
    {
        var (exitCode, output, error) = await RunAsync(Target());
        Assert.True(exitCode == 0, error);
        Assert.Contains("intact: 5 entries", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_RewrittenEntry_ExitsTwoNamingItsSeq()
    {
        // An attacker with access to the database drops the append-only guard and rewrites an entry.
        await _db.ExecuteRawAsync(_db.Provider == StorageProvider.Postgres
            ? "ALTER TABLE audit_log DISABLE TRIGGER USER; UPDATE audit_log SET details = '{\"n\":99}' WHERE seq = 3;"
            : "DROP TRIGGER audit_log_no_update; UPDATE audit_log SET details = '{\"n\":99}' WHERE seq = 3;");
        var (exitCode, output, _) = await RunAsync(Target());
        Assert.Equal(2, exitCode);
        Assert.Contains("BROKEN at seq 3", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_DeletedEntry_ExitsTwo()
    {
        await _db.ExecuteRawAsync(_db.Provider == StorageProvider.Postgres
            ? "ALTER TABLE audit_log DISABLE TRIGGER USER; DELETE FROM audit_log WHERE seq = 2;"
            : "DROP TRIGGER audit_log_no_delete; DELETE FROM audit_log WHERE seq = 2;");
        var (exitCode, output, _) = await RunAsync(Target());
        Assert.Equal(2, exitCode);
        Assert.Contains("BROKEN", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Verify_NoTargetOrTwoTargets_IsBadUsage()
    {
        Assert.Equal(64, (await RunAsync()).ExitCode);
        Assert.Equal(64, (await RunAsync("--data-folder", "/tmp", "--postgres", "Host=x")).ExitCode);
        Assert.Equal(64, (await RunAsync("--data-folder", "/nonexistent-folder")).ExitCode);
    }
}
