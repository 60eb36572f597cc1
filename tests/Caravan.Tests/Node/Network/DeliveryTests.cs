using System.Text;
using Caravan.Exchange.Audit;
using Caravan.Exchange.Gateway;
using Caravan.Exchange.Inbox;
using Caravan.Exchange.Outbox;
using Caravan.Storage;
using Caravan.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Tests.Node.Network;

/// <summary>Reliable delivery between real nodes: retry with backoff, dead letters and re-send, recovery after a crash.</summary>
public sealed class DeliveryTests : IAsyncLifetime
{
    private TestNetwork _network = null!;

    /// <summary>Attempts allowed per message; the dead-letter test counts on it, the others on it being far away.</summary>
    private const int MaxAttempts = 8;

    public async Task InitializeAsync() =>
        _network = await TestNetwork.StartAsync(["UZ", "KZ"], configure: o =>
        {
            o.Delivery.InitialDelay = TimeSpan.FromMilliseconds(100);
            o.Delivery.MaxDelay = TimeSpan.FromMilliseconds(300);
            o.Delivery.PollInterval = TimeSpan.FromMilliseconds(100);
            o.Delivery.MaxAttempts = MaxAttempts;
            o.Delivery.Lease = TimeSpan.FromSeconds(1);
            o.Delivery.SendTimeout = TimeSpan.FromSeconds(5);
        });

    public async Task DisposeAsync() => await _network.DisposeAsync();

    private async Task<string> EnqueueAsync(string from, string to, string text)
    {
        var services = _network[from].Services;
        var messageId = MessageIds.New(from, TimeProvider.System.GetUtcNow());
        var outbox = services.GetRequiredService<OutboxStore>();
        await services.GetRequiredService<CaravanDatabase>().InTransactionAsync((unit, ct) => outbox.EnqueueAsync(unit, new OutboxMessage
        {
            MessageId = messageId,
            Partner = to,
            Service = As4Services.Documents,
            Action = As4Services.DeliverDocumentAction,
            ConversationId = "delivery-test",
            Payload = Encoding.UTF8.GetBytes($"<note>{text}</note>"),
            PayloadContentType = "application/xml",
            CreatedAt = TimeProvider.System.GetUtcNow(),
        }, ct), CancellationToken.None);
        return messageId;
    }

    private async Task<OutboxEntry> EventuallyOutboxAsync(string country, string messageId, Func<OutboxEntry, bool> done)
    {
        var outbox = _network[country].Services.GetRequiredService<OutboxStore>();
        for (var i = 0; i < 300; i++)
        {
            var entry = await outbox.FindByMessageIdAsync(messageId, CancellationToken.None);
            if (entry is not null && done(entry))
            {
                return entry;
            }
            await Task.Delay(50);
        }
        var last = await outbox.FindByMessageIdAsync(messageId, CancellationToken.None);
        throw new TimeoutException($"Outbox {messageId} stayed {last?.Status} after {last?.Attempts} attempts: {last?.LastError}");
    }

    [Fact]
    public async Task PartnerDown_ThenBack_MessageIsDeliveredAfterRetry()
    {
        await _network.Network.StopAsync("KZ");
        var messageId = await EnqueueAsync("UZ", "KZ", "while KZ is down");
        var failing = await EventuallyOutboxAsync("UZ", messageId, e => e.LastError is not null);
        Assert.Contains("unreachable", failing.LastError, StringComparison.OrdinalIgnoreCase);
        Assert.True(failing.Attempts < MaxAttempts, "the test needs retries left when KZ comes back");

        await _network.Network.RestartAsync("KZ");
        var delivered = await EventuallyOutboxAsync("UZ", messageId, e => e.Status == OutboxStatus.Delivered);
        Assert.NotNull(delivered.DeliveredAt);
        Assert.NotNull(await _network["KZ"].Services.GetRequiredService<InboxStore>().GetAsync(messageId, CancellationToken.None));
    }

    [Fact]
    public async Task PartnerDownTooLong_MessageBecomesADeadLetter_AndResendDeliversIt()
    {
        await _network.Network.StopAsync("KZ");
        var messageId = await EnqueueAsync("UZ", "KZ", "dead letter");
        var dead = await EventuallyOutboxAsync("UZ", messageId, e => e.Status == OutboxStatus.Dead);
        Assert.Equal(MaxAttempts, dead.Attempts);

        using var op = _network["UZ"].CreateClient();
        var list = await (await op.GetAsync("api/v1/exchange/dead-letters")).ExpectAsync(200);
        var row = Assert.Single(list.AsArray(), r => r!["messageId"]!.GetValue<string>() == messageId);

        await _network.Network.RestartAsync("KZ");
        var key = Guid.NewGuid().ToString("N");
        await (await op.PostJsonAsync($"api/v1/exchange/dead-letters/{row!["id"]}/resend", "{}", key)).ExpectAsync(202);
        var replay = await op.PostJsonAsync($"api/v1/exchange/dead-letters/{row["id"]}/resend", "{}", key);
        await replay.ExpectAsync(202);
        Assert.True(replay.Headers.Contains("Idempotency-Replayed"));
        await EventuallyOutboxAsync("UZ", messageId, e => e.Status == OutboxStatus.Delivered);

        var audit = await _network["UZ"].Services.GetRequiredService<AuditLog>().ListForMessageAsync(messageId, CancellationToken.None);
        var kinds = audit.Select(a => a.Kind).ToList();
        Assert.Contains("dead-lettered", kinds);
        Assert.Contains("requeued", kinds);
        Assert.Equal("receipted", kinds[^1]);
    }

    [Fact]
    public async Task CrashBetweenCommitAndSend_MessageIsDeliveredAfterRestart()
    {
        // The node commits a message and claims it for sending, then dies before sending (simulated by a claim
        // under a worker id that never settles, while the node is down).
        await _network.Network.StopAsync("UZ");
        var options = _network["UZ"].Options;
        var storage = Caravan.Node.Hosting.NodeHost.StorageOptionsFor(options);
        await using (var database = CaravanDatabase.Create(storage))
        {
            var outbox = new OutboxStore(database);
            var messageId = MessageIds.New("UZ", TimeProvider.System.GetUtcNow());
            await database.InTransactionAsync((unit, ct) => outbox.EnqueueAsync(unit, new OutboxMessage
            {
                MessageId = messageId,
                Partner = "KZ",
                Service = As4Services.Documents,
                Action = As4Services.DeliverDocumentAction,
                ConversationId = "crash-test",
                Payload = Encoding.UTF8.GetBytes("<note>committed before the crash</note>"),
                PayloadContentType = "application/xml",
                CreatedAt = TimeProvider.System.GetUtcNow(),
            }, ct), CancellationToken.None);
            var claimed = await outbox.ClaimDueAsync("crashed-worker", 10, TimeProvider.System.GetUtcNow(), TimeSpan.FromSeconds(1), CancellationToken.None);
            Assert.Contains(claimed, c => c.Message.MessageId == messageId);

            await _network.Network.RestartAsync("UZ");
            var delivered = await EventuallyOutboxAsync("UZ", messageId, e => e.Status == OutboxStatus.Delivered);
            Assert.NotEqual("crashed-worker", delivered.ClaimedBy);
            Assert.NotNull(await _network["KZ"].Services.GetRequiredService<InboxStore>().GetAsync(messageId, CancellationToken.None));
        }
    }
}
