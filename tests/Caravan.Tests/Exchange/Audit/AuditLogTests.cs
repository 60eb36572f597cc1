using System.Data.Common;
using Caravan.Exchange.Audit;
using Caravan.Storage;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Exchange.Audit;

public sealed class AuditLogTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 2, 12, 0, 0, TimeSpan.Zero);

    private static AuditLog CreateSut(CaravanDatabase database) => new(database);

    private static AuditEntry Entry(int n) => new()
    {
        At = T0.AddSeconds(n).AddTicks(7), // sub-microsecond ticks are dropped consistently
        Actor = "node:KE/outbox-worker",
        Kind = n % 2 == 0 ? AuditKinds.Sent : AuditKinds.Receipted,
        MessageId = $"msg-{n}@caravan.ke",
        Subject = n % 3 == 0 ? null : $"certificate:KE-CO-{n}",
        DetailsJson = $$"""{"partner":"UG","attempt":{{n}}}""",
    };

    private static async Task AppendManyAsync(CaravanDatabase database, int count, int start = 1)
    {
        var log = CreateSut(database);
        for (var i = start; i < start + count; i++)
        {
            var n = i;
            await database.InTransactionAsync((unit, ct) => log.AppendAsync(unit, Entry(n), ct), CancellationToken.None);
        }
    }

    private static string TamperSql(StorageProvider provider, string statement) => provider == StorageProvider.Postgres
        ? $"ALTER TABLE audit_log DISABLE TRIGGER USER; {statement}; ALTER TABLE audit_log ENABLE TRIGGER USER;"
        : $"DROP TRIGGER audit_log_no_update; DROP TRIGGER audit_log_no_delete; {statement};";

    [Fact]
    public async Task Append_SeveralEntries_GetsConsecutiveSeqAndEachChainsToThePrevious()
    {
        await using var test = await TestDatabase.CreateAsync();
        var log = CreateSut(test.Database);
        await AppendManyAsync(test.Database, 3);

        var records = await log.ReadAsync(0, 10, CancellationToken.None);
        var head = await log.GetHeadAsync(CancellationToken.None);

        Assert.Equal([1L, 2L, 3L], records.Select(r => r.Seq));
        Assert.Equal(new string('0', 64), records[0].PrevHash);
        Assert.Equal(records[0].Hash, records[1].PrevHash);
        Assert.Equal(records[1].Hash, records[2].PrevHash);
        Assert.Equal(new AuditChainHead(3, records[2].Hash), head);
        Assert.Equal(SqlDialect.Truncate(Entry(2).At), records[1].At);
        Assert.Equal(Entry(2).DetailsJson, records[1].DetailsJson);
        Assert.Single(await log.ListForMessageAsync("msg-2@caravan.ke", CancellationToken.None));
    }

    [Fact]
    public async Task Append_CallerTransactionRollsBack_ChainIsUnchanged()
    {
        await using var test = await TestDatabase.CreateAsync();
        var log = CreateSut(test.Database);
        await AppendManyAsync(test.Database, 2);

        await Assert.ThrowsAsync<InvalidOperationException>(() => test.Database.InTransactionAsync(
            async (unit, ct) =>
            {
                await log.AppendAsync(unit, Entry(3), ct);
                throw new InvalidOperationException("business change failed");
            },
            CancellationToken.None));
        await AppendManyAsync(test.Database, 1, start: 4);

        Assert.Equal([1L, 2L, 3L], (await log.ReadAsync(0, 10, CancellationToken.None)).Select(r => r.Seq));
        Assert.True((await new AuditVerifier(test.Database).VerifyAsync(CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task Append_InvalidDetailsJson_IsRefused()
    {
        await using var test = await TestDatabase.CreateAsync();

        await Assert.ThrowsAsync<ArgumentException>(() => test.Database.InTransactionAsync(
            (unit, ct) => CreateSut(test.Database).AppendAsync(unit, Entry(1) with { DetailsJson = "{not json" }, ct),
            CancellationToken.None));
    }

    [Fact]
    public async Task Append_ManyProcessesConcurrently_ChainNeverForks()
    {
        await using var test = await TestDatabase.CreateAsync();
        var handles = Enumerable.Range(0, 3).Select(_ => test.OpenAnother()).ToList();

        await Task.WhenAll(handles.SelectMany((database, p) => Enumerable.Range(0, 2).Select(w => Task.Run(() => AppendManyAsync(database, 15, start: 1000 * (p * 2 + w + 1))))));

        var result = await new AuditVerifier(test.Database).VerifyAsync(CancellationToken.None);
        Assert.True(result.IsIntact, result.FirstViolation?.Description);
        Assert.Equal(90, result.EntriesChecked);
        Assert.Equal(90, result.Head.Seq);
    }

    [Fact]
    public async Task Update_ThroughTheApplication_IsRejectedAsAppendOnly()
    {
        await using var test = await TestDatabase.CreateAsync();
        await AppendManyAsync(test.Database, 1);

        await Assert.ThrowsAnyAsync<DbException>(() => test.Database.InTransactionAsync(
            async (unit, ct) =>
            {
                using var command = unit.CreateCommand("UPDATE audit_log SET actor = 'someone-else' WHERE seq = 1");
                await command.ExecuteNonQueryAsync(ct);
            },
            CancellationToken.None));
        await Assert.ThrowsAnyAsync<DbException>(() => test.Database.InTransactionAsync(
            async (unit, ct) =>
            {
                using var command = unit.CreateCommand("DELETE FROM audit_log WHERE seq = 1");
                await command.ExecuteNonQueryAsync(ct);
            },
            CancellationToken.None));
    }

    [Fact]
    public async Task Verify_UntouchedChain_IsIntact()
    {
        await using var test = await TestDatabase.CreateAsync();
        var verifier = new AuditVerifier(test.Database);
        var empty = await verifier.VerifyAsync(CancellationToken.None);
        await AppendManyAsync(test.Database, 5);

        var result = await verifier.VerifyAsync(CancellationToken.None);

        Assert.True(empty.IsIntact);
        Assert.Equal(0, empty.EntriesChecked);
        Assert.True(result.IsIntact, result.FirstViolation?.Description);
        Assert.Equal(5, result.EntriesChecked);
    }

    [Fact]
    public async Task Verify_OneEntrysDetailsRewritten_ReportsHashMismatchAtItsSeq()
    {
        await using var test = await TestDatabase.CreateAsync();
        await AppendManyAsync(test.Database, 5);

        await test.ExecuteRawAsync(TamperSql(test.Provider, """UPDATE audit_log SET details = '{"partner":"UG","attempt":99}' WHERE seq = 3"""));
        var result = await new AuditVerifier(test.Database).VerifyAsync(CancellationToken.None);

        Assert.False(result.IsIntact);
        Assert.Equal(3, result.FirstViolation!.Seq);
        Assert.Equal(AuditViolationKind.HashMismatch, result.FirstViolation.Kind);
        Assert.Equal(2, result.EntriesChecked);
    }

    [Fact]
    public async Task Verify_EntryRewrittenWithItsHashRecomputed_ReportsTheBrokenLinkAtTheNextSeq()
    {
        await using var test = await TestDatabase.CreateAsync();
        await AppendManyAsync(test.Database, 5);
        var records = await CreateSut(test.Database).ReadAsync(0, 10, CancellationToken.None);
        var original = records[2];
        var forgedHash = Convert.ToHexStringLower(Caravan.Exchange.Audit.AuditHasher.Compute(
            original.Seq, original.At, "attacker", original.Kind, original.MessageId, original.Subject, original.DetailsJson, Convert.FromHexString(original.PrevHash)));
        var hashLiteral = test.Provider == StorageProvider.Postgres ? $"'\\x{forgedHash}'::bytea" : $"X'{forgedHash}'";

        await test.ExecuteRawAsync(TamperSql(test.Provider, $"UPDATE audit_log SET actor = 'attacker', hash = {hashLiteral} WHERE seq = 3"));
        var result = await new AuditVerifier(test.Database).VerifyAsync(CancellationToken.None);

        Assert.Equal(4, result.FirstViolation!.Seq);
        Assert.Equal(AuditViolationKind.PrevHashMismatch, result.FirstViolation.Kind);
    }

    [Fact]
    public async Task Verify_MiddleEntryDeleted_ReportsTheMissingSeq()
    {
        await using var test = await TestDatabase.CreateAsync();
        await AppendManyAsync(test.Database, 5);

        await test.ExecuteRawAsync(TamperSql(test.Provider, "DELETE FROM audit_log WHERE seq = 3"));
        var result = await new AuditVerifier(test.Database).VerifyAsync(CancellationToken.None);

        Assert.Equal(3, result.FirstViolation!.Seq);
        Assert.Equal(AuditViolationKind.MissingEntry, result.FirstViolation.Kind);
    }

    [Fact]
    public async Task Verify_MiddleEntryDeletedAndLaterOnesRenumbered_ReportsTheBrokenLink()
    {
        await using var test = await TestDatabase.CreateAsync();
        await AppendManyAsync(test.Database, 5);

        await test.ExecuteRawAsync(TamperSql(test.Provider,
            "DELETE FROM audit_log WHERE seq = 3; UPDATE audit_log SET seq = seq - 1 WHERE seq = 4; UPDATE audit_log SET seq = seq - 1 WHERE seq = 5; UPDATE audit_chain_head SET seq = 4"));
        var result = await new AuditVerifier(test.Database).VerifyAsync(CancellationToken.None);

        Assert.Equal(3, result.FirstViolation!.Seq);
        Assert.Equal(AuditViolationKind.PrevHashMismatch, result.FirstViolation.Kind);
    }

    [Fact]
    public async Task Verify_LastEntryDeleted_ReportsTheMissingTail()
    {
        await using var test = await TestDatabase.CreateAsync();
        await AppendManyAsync(test.Database, 5);

        await test.ExecuteRawAsync(TamperSql(test.Provider, "DELETE FROM audit_log WHERE seq = 5"));
        var result = await new AuditVerifier(test.Database).VerifyAsync(CancellationToken.None);

        Assert.Equal(5, result.FirstViolation!.Seq);
        Assert.Equal(AuditViolationKind.MissingTail, result.FirstViolation.Kind);
        Assert.Equal(4, result.EntriesChecked);
    }

    [Fact]
    public void Hash_FieldBoundariesMoved_Differs()
    {
        var prev = new byte[32];

        var a = Caravan.Exchange.Audit.AuditHasher.Compute(1, T0, "ab", "c", null, null, null, prev);
        var b = Caravan.Exchange.Audit.AuditHasher.Compute(1, T0, "a", "bc", null, null, null, prev);
        var c = Caravan.Exchange.Audit.AuditHasher.Compute(1, T0, "ab", "c", "", null, null, prev);

        Assert.NotEqual(a, b);
        Assert.NotEqual(a, c);
        Assert.Equal(a, Caravan.Exchange.Audit.AuditHasher.Compute(1, T0.AddTicks(5), "ab", "c", null, null, null, prev));
    }
}
