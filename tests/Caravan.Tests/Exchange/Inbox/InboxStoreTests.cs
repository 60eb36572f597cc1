using Caravan.Exchange.Inbox;
using Caravan.Storage;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Exchange.Inbox;

public sealed class InboxStoreTests
{
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 9, 30, 0, TimeSpan.Zero);

    private static InboxStore CreateSut(CaravanDatabase database) => new(database);

    private static InboxMessage NewMessage(string id) => new()
    {
        MessageId = id,
        FromPartner = "UG",
        Service = "urn:caravan:phyto",
        Action = "Deliver",
        ConversationId = "conv-" + id,
        RefToMessageId = "ref-" + id,
        ReceivedAt = T0,
        PayloadContentType = "application/xml",
    };

    private static Task<InboxAcceptResult> AcceptAsync(CaravanDatabase database, InboxStore store, string id, byte[] payload, byte[]? receipt = null) =>
        database.InTransactionAsync((unit, ct) => store.TryAcceptAsync(unit, NewMessage(id), payload, receipt, ct), CancellationToken.None);

    [Fact]
    public async Task TryAccept_NewMessage_StoresMetadataAndPayloadOnce()
    {
        await using var test = await TestDatabase.CreateAsync();
        var store = CreateSut(test.Database);
        byte[] payload = [1, 2, 3, 4, 5];

        var result = await AcceptAsync(test.Database, store, "in-1", payload, receipt: [9, 9]);

        Assert.True(result.IsNew);
        var stored = await store.GetAsync("in-1", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal(NewMessage("in-1"), stored.Message);
        Assert.Equal(5, stored.PayloadLength);
        Assert.Equal(InboxStatus.Received, stored.Status);
        Assert.Equal([9, 9], stored.Receipt!.Value.ToArray());
        using var copy = new MemoryStream();
        Assert.True(await store.CopyPayloadToAsync("in-1", copy, CancellationToken.None));
        Assert.Equal(payload, copy.ToArray());
    }

    [Fact]
    public async Task TryAccept_SameMessageIdAgain_IsDuplicateAndReturnsTheStoredReceipt()
    {
        await using var test = await TestDatabase.CreateAsync();
        var store = CreateSut(test.Database);
        await test.Database.InTransactionAsync(
            async (unit, ct) =>
            {
                Assert.True((await store.TryAcceptAsync(unit, NewMessage("in-dup"), new byte[] { 1 }, null, ct)).IsNew);
                Assert.True(await store.SetReceiptAsync(unit, "in-dup", new byte[] { 0xAA, 0xBB }, ct));
                Assert.True(await store.SetStatusAsync(unit, "in-dup", InboxStatus.Processed, ct));
            },
            CancellationToken.None);

        var again = await AcceptAsync(test.Database, store, "in-dup", [2, 2, 2], receipt: [0xCC]);

        Assert.True(again.IsDuplicate);
        Assert.Equal(InboxStatus.Processed, again.Status);
        Assert.Equal([0xAA, 0xBB], again.StoredReceipt!.Value.ToArray());
        using var copy = new MemoryStream();
        await store.CopyPayloadToAsync("in-dup", copy, CancellationToken.None);
        Assert.Equal([1], copy.ToArray());
    }

    [Fact]
    public async Task TryAccept_FirstDeliveryRolledBack_RetryIsNew()
    {
        await using var test = await TestDatabase.CreateAsync();
        var store = CreateSut(test.Database);
        await Assert.ThrowsAsync<InvalidOperationException>(() => test.Database.InTransactionAsync(
            async (unit, ct) =>
            {
                await store.TryAcceptAsync(unit, NewMessage("in-rb"), new byte[] { 1 }, null, ct);
                throw new InvalidOperationException("processing failed");
            },
            CancellationToken.None));

        var retry = await AcceptAsync(test.Database, store, "in-rb", [1]);

        Assert.True(retry.IsNew);
    }

    [Fact]
    public async Task TryAccept_ConcurrentDeliveriesFromSeveralProcesses_ExactlyOneIsNew()
    {
        await using var test = await TestDatabase.CreateAsync();
        var handles = Enumerable.Range(0, 4).Select(_ => test.OpenAnother()).ToList();

        var results = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => Task.Run(() =>
        {
            var database = handles[i % handles.Count];
            return AcceptAsync(database, CreateSut(database), "in-race", [(byte)i], receipt: [(byte)i]);
        })));

        var winner = Assert.Single(results, r => r.IsNew);
        Assert.All(results.Where(r => r.IsDuplicate), r => Assert.Equal(winner.StoredReceipt!.Value.ToArray(), r.StoredReceipt!.Value.ToArray()));
    }

    [Fact]
    public async Task TryAcceptStream_StreamEndsBeforeAnnouncedLength_FailsAndStoresNothing()
    {
        await using var test = await TestDatabase.CreateAsync();
        var store = CreateSut(test.Database);

        await Assert.ThrowsAnyAsync<Exception>(() => test.Database.InTransactionAsync(
            (unit, ct) => store.TryAcceptAsync(unit, NewMessage("in-short"), new PatternStream(1000), 5000, null, ct),
            CancellationToken.None));

        Assert.Null(await store.GetAsync("in-short", CancellationToken.None));
    }

    [Fact]
    public async Task TryAcceptStream_LargeDuplicate_DoesNotReadThePayloadAgain()
    {
        await using var test = await TestDatabase.CreateAsync();
        var store = CreateSut(test.Database);
        const long size = 2 * 1024 * 1024;
        await test.Database.InTransactionAsync(
            (unit, ct) => store.TryAcceptAsync(unit, NewMessage("in-big"), new PatternStream(size), size, new byte[] { 7 }, ct),
            CancellationToken.None);
        var second = new PatternStream(size, seed: 2);

        var result = await test.Database.InTransactionAsync(
            (unit, ct) => store.TryAcceptAsync(unit, NewMessage("in-big"), second, size, null, ct),
            CancellationToken.None);

        Assert.True(result.IsDuplicate);
        Assert.Equal([7], result.StoredReceipt!.Value.ToArray());
        Assert.Equal(0, second.Position);
        using var sink = new HashingSink();
        await store.CopyPayloadToAsync("in-big", sink, CancellationToken.None);
        Assert.Equal(PatternStream.Sha256(size), sink.GetHash());
    }

    [Fact]
    public async Task CopyPayload_UnknownMessage_ReturnsFalse()
    {
        await using var test = await TestDatabase.CreateAsync();

        Assert.False(await CreateSut(test.Database).CopyPayloadToAsync("nope", Stream.Null, CancellationToken.None));
        Assert.Null(await CreateSut(test.Database).GetAsync("nope", CancellationToken.None));
    }
}
