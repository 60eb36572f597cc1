using System.Collections.Concurrent;
using Caravan.Exchange.Outbox;
using Caravan.Storage;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Exchange.Outbox;

public sealed class OutboxStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Lease = TimeSpan.FromSeconds(30);

    private static OutboxStore CreateSut(CaravanDatabase database, int seed = 42) => new(database, new Random(seed));

    private static OutboxMessage NewMessage(string id, DateTimeOffset? createdAt = null, DateTimeOffset? notBefore = null, int payloadSize = 64) => new()
    {
        MessageId = id,
        Partner = "KE",
        Service = "urn:caravan:origin",
        Action = "Submit",
        ConversationId = "conv-" + id,
        RefToMessageId = null,
        Payload = Enumerable.Range(0, payloadSize).Select(i => (byte)(i * 7)).ToArray(),
        PayloadContentType = "application/xml",
        CreatedAt = createdAt ?? T0,
        NotBefore = notBefore,
    };

    private static async Task<long> EnqueueAsync(CaravanDatabase database, OutboxStore store, OutboxMessage message) =>
        await database.InTransactionAsync((unit, ct) => store.EnqueueAsync(unit, message, ct), CancellationToken.None);

    [Fact]
    public async Task Enqueue_CallerTransactionRollsBack_NothingIsStored()
    {
        await using var test = await TestDatabase.CreateAsync();
        var store = CreateSut(test.Database);

        await Assert.ThrowsAsync<InvalidOperationException>(() => test.Database.InTransactionAsync(
            async (unit, ct) =>
            {
                await store.EnqueueAsync(unit, NewMessage("m-rollback"), ct);
                throw new InvalidOperationException("business rule failed after the insert");
            },
            CancellationToken.None));

        Assert.Null(await store.FindByMessageIdAsync("m-rollback", CancellationToken.None));
    }

    [Fact]
    public async Task Enqueue_StoresEveryFieldPending()
    {
        await using var test = await TestDatabase.CreateAsync();
        var store = CreateSut(test.Database);
        var message = NewMessage("m-fields", T0.AddTicks(12_345_678)) with { RefToMessageId = "m-earlier" };

        var id = await EnqueueAsync(test.Database, store, message);

        var stored = await store.GetAsync(id, CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(OutboxStatus.Pending, stored.Status);
        Assert.Equal(0, stored.Attempts);
        Assert.Equal("m-earlier", stored.Message.RefToMessageId);
        Assert.Equal(message.Payload.ToArray(), stored.Message.Payload.ToArray());
        Assert.Equal(64, stored.PayloadLength);
        Assert.Equal(SqlDialect.Truncate(message.CreatedAt), stored.Message.CreatedAt);
        Assert.Equal(stored.Message.CreatedAt, stored.NextAttemptAt);
    }

    [Fact]
    public async Task Enqueue_SameMessageIdTwice_StoresOnceAndReturnsTheSameId()
    {
        await using var test = await TestDatabase.CreateAsync();
        var store = CreateSut(test.Database);

        var first = await EnqueueAsync(test.Database, store, NewMessage("m-dup"));
        var second = await EnqueueAsync(test.Database, store, NewMessage("m-dup"));

        Assert.Equal(first, second);
        var claimed = await store.ClaimDueAsync("w1", 10, T0, Lease, CancellationToken.None);
        Assert.Single(claimed);
    }

    [Fact]
    public async Task ClaimDue_ClaimsOnlyDueMessagesOnceEachWithALease()
    {
        await using var test = await TestDatabase.CreateAsync();
        var store = CreateSut(test.Database);
        await EnqueueAsync(test.Database, store, NewMessage("m-1"));
        await EnqueueAsync(test.Database, store, NewMessage("m-2", T0.AddSeconds(-5)));
        await EnqueueAsync(test.Database, store, NewMessage("m-later", notBefore: T0.AddMinutes(5)));

        var claimed = await store.ClaimDueAsync("worker-a", 10, T0, Lease, CancellationToken.None);
        var again = await store.ClaimDueAsync("worker-b", 10, T0.AddSeconds(1), Lease, CancellationToken.None);

        Assert.Equal(["m-2", "m-1"], claimed.Select(e => e.Message.MessageId));
        Assert.All(claimed, e =>
        {
            Assert.Equal(OutboxStatus.Sending, e.Status);
            Assert.Equal("worker-a", e.ClaimedBy);
            Assert.Equal(T0 + Lease, e.ClaimedUntil);
            Assert.Equal(1, e.Attempts);
            Assert.Equal(64, e.Message.Payload.Length);
        });
        Assert.Empty(again);
    }

    [Fact]
    public async Task ClaimDue_BatchSize_LimitsTheClaimToTheOldestDue()
    {
        await using var test = await TestDatabase.CreateAsync();
        var store = CreateSut(test.Database);
        for (var i = 0; i < 5; i++)
        {
            await EnqueueAsync(test.Database, store, NewMessage($"m-{i}", T0.AddSeconds(i)));
        }

        var claimed = await store.ClaimDueAsync("w", 3, T0.AddMinutes(1), Lease, CancellationToken.None);

        Assert.Equal(["m-0", "m-1", "m-2"], claimed.Select(e => e.Message.MessageId));
    }

    [Fact]
    public async Task ClaimDue_WorkerCrashedAfterClaim_MessageReclaimedAfterLeaseAndDelivered()
    {
        await using var test = await TestDatabase.CreateAsync();
        var store = CreateSut(test.Database);
        await EnqueueAsync(test.Database, store, NewMessage("m-crash"));
        var crashed = await store.ClaimDueAsync("worker-crashed", 10, T0, Lease, CancellationToken.None);
        Assert.Single(crashed);

        // A restarted process with a fresh connection pool.
        var restarted = CreateSut(test.OpenAnother());
        var beforeExpiry = await restarted.ClaimDueAsync("worker-new", 10, T0 + Lease - TimeSpan.FromSeconds(1), Lease, CancellationToken.None);
        var afterExpiry = await restarted.ClaimDueAsync("worker-new", 10, T0 + Lease + TimeSpan.FromSeconds(1), Lease, CancellationToken.None);
        var delivered = await restarted.MarkDeliveredAsync(afterExpiry[0].Id, new byte[] { 1, 2, 3 }, T0.AddMinutes(1), CancellationToken.None);

        Assert.Empty(beforeExpiry);
        var reclaimed = Assert.Single(afterExpiry);
        Assert.Equal("worker-new", reclaimed.ClaimedBy);
        Assert.Equal(2, reclaimed.Attempts);
        Assert.True(delivered);
        var stored = await store.GetAsync(reclaimed.Id, CancellationToken.None);
        Assert.Equal(OutboxStatus.Delivered, stored!.Status);
        Assert.Equal(T0.AddMinutes(1), stored.DeliveredAt);
        Assert.Equal([1, 2, 3], stored.Receipt!.Value.ToArray());
        Assert.Null(stored.ClaimedBy);
    }

    [Fact]
    public async Task ClaimDue_WorkersInTwoProcessesConcurrently_NeverClaimTheSameRow()
    {
        await using var test = await TestDatabase.CreateAsync();
        var total = test.Provider == StorageProvider.Postgres ? 1500 : 600;
        var setup = CreateSut(test.Database);
        await test.Database.InTransactionAsync(
            async (unit, ct) =>
            {
                for (var i = 0; i < total; i++)
                {
                    await setup.EnqueueAsync(unit, NewMessage($"m-{i:D5}", T0.AddMilliseconds(-i), payloadSize: 16), ct);
                }
            },
            CancellationToken.None);
        var processA = CreateSut(test.OpenAnother());
        var processB = CreateSut(test.OpenAnother());
        var claims = new ConcurrentBag<long>();

        async Task WorkAsync(OutboxStore store, string worker)
        {
            while (true)
            {
                var batch = await store.ClaimDueAsync(worker, 20, T0, TimeSpan.FromMinutes(10), CancellationToken.None);
                if (batch.Count == 0)
                {
                    return;
                }
                foreach (var entry in batch)
                {
                    Assert.Equal(worker, entry.ClaimedBy);
                    claims.Add(entry.Id);
                }
            }
        }

        await Task.WhenAll(
            Task.Run(() => WorkAsync(processA, "a1")),
            Task.Run(() => WorkAsync(processA, "a2")),
            Task.Run(() => WorkAsync(processB, "b1")),
            Task.Run(() => WorkAsync(processB, "b2")));

        var duplicates = claims.GroupBy(id => id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.Empty(duplicates);
        Assert.Equal(total, claims.Count);
    }

    [Fact]
    public async Task MarkFailed_RepeatedFailures_NextAttemptBacksOffWithinJitterBounds()
    {
        await using var test = await TestDatabase.CreateAsync();
        var store = CreateSut(test.Database, seed: 2026);
        var policy = new RetryPolicy(TimeSpan.FromSeconds(10), 2.0, TimeSpan.FromMinutes(5), 20);
        var id = await EnqueueAsync(test.Database, store, NewMessage("m-backoff"));
        var now = T0;
        var delays = new List<TimeSpan>();

        for (var attempt = 1; attempt <= 8; attempt++)
        {
            var claimed = Assert.Single(await store.ClaimDueAsync("w", 1, now, Lease, CancellationToken.None));
            Assert.Equal(attempt, claimed.Attempts);
            var result = await store.MarkFailedAsync(id, "connection refused", now, policy, CancellationToken.None);

            Assert.Equal(OutboxFailureOutcome.RetryScheduled, result.Outcome);
            var delay = result.NextAttemptAt!.Value - now;
            Assert.InRange(delay, TimeSpan.Zero, policy.CeilingFor(attempt));
            var stored = await store.GetAsync(id, CancellationToken.None);
            Assert.Equal(OutboxStatus.Pending, stored!.Status);
            Assert.Equal(result.NextAttemptAt, stored.NextAttemptAt);
            Assert.Equal("connection refused", stored.LastError);
            if (delay > TimeSpan.Zero)
            {
                Assert.Empty(await store.ClaimDueAsync("w", 1, stored.NextAttemptAt - TimeSpan.FromMilliseconds(1), Lease, CancellationToken.None));
            }
            delays.Add(delay);
            now = stored.NextAttemptAt;
        }

        // Jittered: not simply the ceilings; growing: the late delays dwarf the first ceiling.
        Assert.Contains(delays, d => d < policy.CeilingFor(delays.IndexOf(d) + 1) * 0.9);
        Assert.True(delays.Skip(5).Average(d => d.TotalSeconds) > policy.CeilingFor(1).TotalSeconds * 2);
    }

    [Fact]
    public async Task MarkFailed_MaxAttemptsReached_DeadLettersAndStopsClaiming()
    {
        await using var test = await TestDatabase.CreateAsync();
        var store = CreateSut(test.Database);
        var policy = new RetryPolicy(TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromSeconds(4), 3);
        var id = await EnqueueAsync(test.Database, store, NewMessage("m-dead", payloadSize: 100));
        var now = T0;
        var outcomes = new List<OutboxFailureOutcome>();

        for (var attempt = 1; attempt <= 3; attempt++)
        {
            Assert.Single(await store.ClaimDueAsync("w", 1, now, Lease, CancellationToken.None));
            var result = await store.MarkFailedAsync(id, $"HTTP 503 #{attempt}", now, policy, CancellationToken.None);
            outcomes.Add(result.Outcome);
            now = now.AddMinutes(1);
        }

        Assert.Equal([OutboxFailureOutcome.RetryScheduled, OutboxFailureOutcome.RetryScheduled, OutboxFailureOutcome.DeadLettered], outcomes);
        Assert.Empty(await store.ClaimDueAsync("w", 10, now.AddDays(1), Lease, CancellationToken.None));
        var dead = Assert.Single(await store.ListDeadAsync(10, CancellationToken.None));
        Assert.Equal("m-dead", dead.Message.MessageId);
        Assert.Equal(OutboxStatus.Dead, dead.Status);
        Assert.Equal(3, dead.Attempts);
        Assert.Equal("HTTP 503 #3", dead.LastError);
        Assert.Equal(100, dead.PayloadLength);
        Assert.True(dead.Message.Payload.IsEmpty);
    }

    [Fact]
    public async Task Requeue_DeadMessage_IsPendingAgainWithAttemptsReset()
    {
        await using var test = await TestDatabase.CreateAsync();
        var store = CreateSut(test.Database);
        var id = await EnqueueAsync(test.Database, store, NewMessage("m-requeue"));
        Assert.Single(await store.ClaimDueAsync("w", 1, T0, Lease, CancellationToken.None));
        await test.Database.InTransactionAsync((unit, ct) => store.MarkDeadAsync(unit, id, "partner certificate revoked", ct), CancellationToken.None);
        var later = T0.AddHours(2);

        var requeued = await store.RequeueAsync(id, later, CancellationToken.None);
        var claimed = await store.ClaimDueAsync("w", 1, later, Lease, CancellationToken.None);

        Assert.True(requeued);
        var entry = Assert.Single(claimed);
        Assert.Equal(1, entry.Attempts);
        Assert.Empty(await store.ListDeadAsync(10, CancellationToken.None));
    }

    [Fact]
    public async Task Requeue_MessageNotDead_ReturnsFalseAndChangesNothing()
    {
        await using var test = await TestDatabase.CreateAsync();
        var store = CreateSut(test.Database);
        var id = await EnqueueAsync(test.Database, store, NewMessage("m-alive"));

        var requeued = await store.RequeueAsync(id, T0.AddHours(1), CancellationToken.None);

        Assert.False(requeued);
        Assert.Equal(T0, (await store.GetAsync(id, CancellationToken.None))!.NextAttemptAt);
    }

    [Fact]
    public async Task MarkFailed_AlreadyDelivered_ReportsNotSendingAndKeepsDelivered()
    {
        await using var test = await TestDatabase.CreateAsync();
        var store = CreateSut(test.Database);
        var id = await EnqueueAsync(test.Database, store, NewMessage("m-settled"));
        await store.ClaimDueAsync("w", 1, T0, Lease, CancellationToken.None);
        Assert.True(await store.MarkDeliveredAsync(id, null, T0, CancellationToken.None));

        var failed = await store.MarkFailedAsync(id, "late timeout", T0, RetryPolicy.Default, CancellationToken.None);
        var deliveredAgain = await store.MarkDeliveredAsync(id, null, T0, CancellationToken.None);

        Assert.Equal(OutboxFailureOutcome.NotSending, failed.Outcome);
        Assert.False(deliveredAgain);
        Assert.Equal(OutboxStatus.Delivered, (await store.GetAsync(id, CancellationToken.None))!.Status);
    }

    [Fact]
    public async Task NextDueAt_ReportsEarliestPendingAttemptOrLeaseExpiry()
    {
        await using var test = await TestDatabase.CreateAsync();
        var store = CreateSut(test.Database);
        Assert.Null(await store.NextDueAtAsync(CancellationToken.None));
        await EnqueueAsync(test.Database, store, NewMessage("m-a", notBefore: T0.AddMinutes(10)));
        await EnqueueAsync(test.Database, store, NewMessage("m-b"));
        await store.ClaimDueAsync("w", 1, T0, Lease, CancellationToken.None);

        var next = await store.NextDueAtAsync(CancellationToken.None);

        Assert.Equal(T0 + Lease, next);
    }
}
