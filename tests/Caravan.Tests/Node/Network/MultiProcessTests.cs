using System.Text;
using System.Text.Json;
using Caravan.Exchange.Audit;
using Caravan.Exchange.Gateway;
using Caravan.Exchange.Outbox;
using Caravan.Node.Hosting;
using Caravan.Storage;
using Caravan.Tests.TestSupport;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Xunit.Abstractions;

namespace Caravan.Tests.Node.Network;

/// <summary>Two node processes of one country on one database deliver each outbox message exactly once.</summary>
public sealed class MultiProcessTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Messages = 60;
    private TestNetwork _network = null!;
    private readonly NodeProcesses _processes = new();

    public async Task InitializeAsync() => _network = await TestNetwork.StartAsync(["UZ", "KZ"]);

    public async Task DisposeAsync()
    {
        await _processes.DisposeAsync();
        await _network.DisposeAsync();
    }

    [Fact]
    public async Task TwoProcessesOnOneDatabase_DeliverEachMessageOnce()
    {
        // UZ's in-process node steps aside; two separate processes of UZ take over its data folder and database.
        var uz = _network["UZ"].Options;
        await _network.Network.StopAsync("UZ");
        foreach (var _ in Enumerable.Range(0, 2))
        {
            await _processes.StartAsync(uz);
        }

        var storage = NodeHost.StorageOptionsFor(uz);
        await using var database = CaravanDatabase.Create(storage);
        var outbox = new OutboxStore(database);
        var ids = new List<string>();
        await database.InTransactionAsync(async (unit, ct) =>
        {
            for (var i = 0; i < Messages; i++)
            {
                var id = MessageIds.New("UZ", TimeProvider.System.GetUtcNow());
                ids.Add(id);
                await outbox.EnqueueAsync(unit, new OutboxMessage
                {
                    MessageId = id,
                    Partner = "KZ",
                    Service = As4Services.Documents,
                    Action = As4Services.DeliverDocumentAction,
                    ConversationId = $"multi-process-{i}",
                    Payload = Encoding.UTF8.GetBytes($"<note n=\"{i}\"/>"),
                    PayloadContentType = "application/xml",
                    CreatedAt = TimeProvider.System.GetUtcNow(),
                }, ct);
            }
        }, CancellationToken.None);

        var deadline = Environment.TickCount64 + 90_000;
        long delivered = 0;
        while (Environment.TickCount64 < deadline)
        {
            delivered = await database.ReadAsync((c, ct) => c.ExecuteScalarAsync<long>(new CommandDefinition(
                "select count(*) from outbox_messages where status = 'delivered'", cancellationToken: ct)), CancellationToken.None);
            if (delivered == Messages)
            {
                break;
            }
            await Task.Delay(100);
        }
        output.WriteLine(_processes.Output);
        Assert.Equal(Messages, delivered);

        // Each message was sent once by UZ (one "sent" audit entry each) and received once by KZ.
        var uzAudit = new AuditLog(database);
        var kzAudit = _network["KZ"].Services.GetRequiredService<AuditLog>();
        var workers = new HashSet<string>();
        foreach (var id in ids)
        {
            var sent = await uzAudit.ListForMessageAsync(id, CancellationToken.None);
            var entry = Assert.Single(sent, e => e.Kind == AuditKinds.Sent);
            workers.Add(JsonDocument.Parse(entry.DetailsJson!).RootElement.GetProperty("worker").GetString()!);
            var received = await kzAudit.ListForMessageAsync(id, CancellationToken.None);
            Assert.Single(received, e => e.Kind == AuditKinds.Received);
        }
        Assert.Equal(2, workers.Count);
        Assert.True((await new AuditVerifier(database).VerifyAsync(CancellationToken.None)).IsIntact);
    }
}
