using System.Text;
using Caravan.Exchange.Audit;
using Caravan.Exchange.Gateway;
using Caravan.Exchange.Inbox;
using Caravan.Exchange.Outbox;
using Caravan.Storage;
using Caravan.Tests.TestSupport;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Tests.Node.Network;

/// <summary>
/// The delivery worker records many finished sends in one transaction. A send whose recording fails every time (here a
/// delivery observer that throws for one conversation) must hold back only itself: the sends settled with it are
/// recorded as delivered, and it stays claimed, to be sent again when its lease ends.
/// </summary>
public sealed class SettlementIsolationTests : IAsyncLifetime
{
    private const string Poisoned = "poisoned-conversation";

    private TestNetwork _network = null!;

    public async Task InitializeAsync() =>
        _network = await TestNetwork.StartAsync(
            ["UZ", "KZ"],
            configure: o =>
            {
                o.Delivery.PollInterval = TimeSpan.FromMilliseconds(100);
                o.Delivery.Lease = TimeSpan.FromMinutes(5); // The poisoned message is not sent again during the test.
            },
            configureHost: (country, builder) =>
            {
                if (country == "UZ")
                {
                    builder.Services.AddSingleton<IDeliveryObserver>(new FailingObserver());
                }
            });

    public async Task DisposeAsync() => await _network.DisposeAsync();

    [Fact]
    public async Task OneSettlementThatKeepsFailing_DoesNotHoldBackTheSendsSettledWithIt()
    {
        var services = _network["UZ"].Services;
        var outbox = services.GetRequiredService<OutboxStore>();
        var now = TimeProvider.System.GetUtcNow();
        var conversations = new[] { "c1", "c2", Poisoned, "c3", "c4", "c5" };
        var ids = conversations.Select(c => (Conversation: c, MessageId: MessageIds.New("UZ", now))).ToList();
        // One commit, so that the worker claims, sends and settles them together.
        await services.GetRequiredService<CaravanDatabase>().InTransactionAsync(async (unit, ct) =>
        {
            foreach (var (conversation, messageId) in ids)
            {
                await outbox.EnqueueAsync(unit, new OutboxMessage
                {
                    MessageId = messageId,
                    Partner = "KZ",
                    Service = As4Services.Documents,
                    Action = As4Services.DeliverDocumentAction,
                    ConversationId = conversation,
                    Payload = Encoding.UTF8.GetBytes($"<note>{conversation}</note>"),
                    PayloadContentType = "application/xml",
                    CreatedAt = now,
                }, ct);
            }
        }, CancellationToken.None);

        foreach (var (conversation, messageId) in ids.Where(x => x.Conversation != Poisoned))
        {
            var delivered = await EventuallyAsync(() => outbox.FindByMessageIdAsync(messageId, CancellationToken.None), e => e?.Status == OutboxStatus.Delivered);
            Assert.False(delivered!.Receipt!.Value.IsEmpty);
        }

        // The poisoned send reached KZ (its receipt came back) but could not be recorded: it stays claimed, not delivered.
        var poisonedId = ids.Single(x => x.Conversation == Poisoned).MessageId;
        var inbox = _network["KZ"].Services.GetRequiredService<InboxStore>();
        Assert.NotNull(await EventuallyAsync(() => inbox.GetAsync(poisonedId, CancellationToken.None), e => e is not null));
        var poisoned = await outbox.FindByMessageIdAsync(poisonedId, CancellationToken.None);
        Assert.Equal(OutboxStatus.Sending, poisoned!.Status);
        Assert.Null(poisoned.DeliveredAt);
        Assert.True(poisoned.Receipt is not { IsEmpty: false });

        // Nothing of the failed settlement reached the audit chain; each delivered send has its two entries.
        var audit = services.GetRequiredService<AuditLog>();
        Assert.Empty(await audit.ListForMessageAsync(poisonedId, CancellationToken.None));
        foreach (var (_, messageId) in ids.Where(x => x.Conversation != Poisoned))
        {
            var kinds = (await audit.ListForMessageAsync(messageId, CancellationToken.None)).Select(r => r.Kind).ToList();
            Assert.Equal([AuditKinds.Sent, AuditKinds.Receipted], kinds);
        }
        Assert.True((await new AuditVerifier(services.GetRequiredService<CaravanDatabase>()).VerifyAsync(CancellationToken.None)).IsIntact);
    }

    private static async Task<T> EventuallyAsync<T>(Func<Task<T>> read, Func<T, bool> done)
    {
        for (var i = 0; i < 300; i++)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }
            await Task.Delay(50);
        }
        throw new TimeoutException("The expected state was not reached in 15 s.");
    }

    private sealed class FailingObserver : IDeliveryObserver
    {
        public string Service => As4Services.Documents;

        public string Action => As4Services.DeliverDocumentAction;

        public Task OnDeliveredAsync(OutboxMessage message, UnitOfWork unit, CancellationToken cancellationToken) =>
            message.ConversationId == Poisoned
                ? throw new InvalidOperationException("This observer fails for the poisoned conversation.")
                : Task.CompletedTask;
    }
}
