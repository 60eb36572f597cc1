using Caravan.Exchange.Inbox;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Exchange.Inbox;

[Collection(SerialTestCollection.Name)]
public sealed class InboxLargePayloadTests
{
    private const long PayloadSize = 50L * 1024 * 1024;
    private const long AllocationBudget = 8L * 1024 * 1024;

    [Fact]
    public async Task TryAcceptStream_50MbPayload_StreamsInAndOutWithoutBufferingIt()
    {
        await using var test = await TestDatabase.CreateAsync();
        var store = new InboxStore(test.Database);
        var message = new InboxMessage
        {
            MessageId = "in-50mb",
            FromPartner = "TZ",
            Service = "urn:caravan:transport",
            Action = "Deliver",
            ConversationId = "conv-50mb",
            ReceivedAt = new DateTimeOffset(2026, 3, 1, 10, 0, 0, TimeSpan.Zero),
            PayloadContentType = "application/octet-stream",
        };
        // Warm up code paths (JIT, pools, prepared statements) so the measurement sees steady-state allocations.
        await test.Database.InTransactionAsync(
            (unit, ct) => store.TryAcceptAsync(unit, message with { MessageId = "warm-up" }, new PatternStream(300_000), 300_000, null, ct),
            CancellationToken.None);
        await store.CopyPayloadToAsync("warm-up", Stream.Null, CancellationToken.None);

        var beforeWrite = GC.GetTotalAllocatedBytes(precise: true);
        var result = await test.Database.InTransactionAsync(
            (unit, ct) => store.TryAcceptAsync(unit, message, new PatternStream(PayloadSize), PayloadSize, null, ct),
            CancellationToken.None);
        var writeAllocated = GC.GetTotalAllocatedBytes(precise: true) - beforeWrite;

        using var sink = new HashingSink();
        var beforeRead = GC.GetTotalAllocatedBytes(precise: true);
        Assert.True(await store.CopyPayloadToAsync("in-50mb", sink, CancellationToken.None));
        var readAllocated = GC.GetTotalAllocatedBytes(precise: true) - beforeRead;

        Assert.True(result.IsNew);
        Assert.Equal(PayloadSize, (await store.GetAsync("in-50mb", CancellationToken.None))!.PayloadLength);
        Assert.Equal(PayloadSize, sink.BytesWritten);
        Assert.Equal(PatternStream.Sha256(PayloadSize), sink.GetHash());
        Assert.True(writeAllocated < AllocationBudget, $"storing 50 MB allocated {writeAllocated:N0} bytes");
        Assert.True(readAllocated < AllocationBudget, $"reading 50 MB allocated {readAllocated:N0} bytes");
    }
}
