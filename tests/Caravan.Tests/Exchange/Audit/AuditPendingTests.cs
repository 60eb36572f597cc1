using Caravan.Exchange.Audit;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Exchange.Audit;

/// <summary>Entries enqueued without the chain-head lock join the chain exactly once, in order, and verify.</summary>
public sealed class AuditPendingTests : IAsyncLifetime
{
    private TestDatabase _db = null!;

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync();

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private static AuditEntry Entry(int n) => new()
    {
        At = TimeProvider.System.GetUtcNow(),
        Actor = "gateway:UZ",
        Kind = AuditKinds.Received,
        MessageId = $"m{n}@test",
    };

    [Fact]
    public async Task Enqueued_AreNotChainedUntilChaining_ThenChainedInOrderAndVerify()
    {
        var audit = new AuditLog(_db.Database);
        await _db.Database.InTransactionAsync(async (unit, ct) =>
        {
            // Written at commit, all in one statement: nothing is pending while the unit runs.
            for (var i = 0; i < 40; i++)
            {
                await audit.EnqueueAsync(unit, Entry(i), ct);
            }
        }, CancellationToken.None);
        Assert.Equal(40, await audit.PendingCountAsync(CancellationToken.None));
        Assert.Equal(0, (await audit.GetHeadAsync(CancellationToken.None)).Seq);

        Assert.Equal(40, await audit.ChainPendingAsync(CancellationToken.None));
        Assert.Equal(0, await audit.PendingCountAsync(CancellationToken.None));
        var records = await audit.ReadAsync(0, 100, CancellationToken.None);
        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"m{i}@test"), records.Select(r => r.MessageId).ToList());
        Assert.True((await new AuditVerifier(_db.Database).VerifyAsync(CancellationToken.None)).IsIntact);
    }

    [Fact]
    public async Task RolledBackTransaction_LeavesNoPendingEntry()
    {
        var audit = new AuditLog(_db.Database);
        await Assert.ThrowsAsync<InvalidOperationException>(() => _db.Database.InTransactionAsync(async (unit, ct) =>
        {
            await audit.EnqueueAsync(unit, Entry(1), ct);
            throw new InvalidOperationException("business failure");
        }, CancellationToken.None));
        Assert.Equal(0, await audit.PendingCountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ConcurrentWritersAndChainers_ChainEveryEntryExactlyOnce()
    {
        var first = new AuditLog(_db.Database);
        var second = new AuditLog(_db.OpenAnother());
        var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
        {
            var audit = w % 2 == 0 ? first : second;
            for (var i = 0; i < 50; i++)
            {
                var n = (w * 1000) + i;
                await _db.Database.InTransactionAsync((unit, ct) => audit.EnqueueAsync(unit, Entry(n), ct), CancellationToken.None);
                if (i % 10 == 0)
                {
                    await audit.ChainPendingAsync(CancellationToken.None);
                }
            }
        })).ToList();
        var chainers = Enumerable.Range(0, 2).Select(c => Task.Run(async () =>
        {
            for (var i = 0; i < 20; i++)
            {
                await (c == 0 ? first : second).ChainPendingAsync(CancellationToken.None);
                await Task.Delay(5);
            }
        })).ToList();
        await Task.WhenAll(writers.Concat(chainers));
        await first.ChainPendingAsync(CancellationToken.None);

        var records = await first.ReadAsync(0, 1000, CancellationToken.None);
        Assert.Equal(200, records.Count);
        Assert.Equal(200, records.Select(r => r.MessageId).Distinct().Count());
        Assert.True((await new AuditVerifier(_db.Database).VerifyAsync(CancellationToken.None)).IsIntact);
    }
}
