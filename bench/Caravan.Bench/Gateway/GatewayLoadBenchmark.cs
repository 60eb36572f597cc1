using System.Diagnostics;
using System.Text;
using Caravan.Exchange.Gateway;
using Caravan.Exchange.Outbox;
using Caravan.Storage;
using Dapper;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Bench.Gateway;

/// <summary>
/// The AS4 gateway under load between two real nodes on loopback: N certificate-sized (~4 KB) messages are committed
/// to the sender's outbox and delivered by its worker (gzip, sign, encrypt, POST; the receiver decrypts, verifies
/// against its trust list, stores once, audits, and answers a signed receipt that the sender verifies, then settles
/// and audits). Reports sustained messages/second and enqueue-to-receipt latency.
/// Usage: gateway --db postgres|sqlite [--pg ADMIN-CONNSTRING] [--messages N] [--rate R] [--warmup W] [--concurrency C] [--fresh-keys]
///   without --rate, all N are committed at once (throughput); with --rate, R per second are offered (latency).
///   W messages (default 8,000) cross first, uncounted, so that the measurement sees a node in its steady state:
///   the runtime's tiered JIT is still recompiling hot methods for several seconds after start-up.
///   C (default 32) is the sender's Delivery:Concurrency, the sends in flight at once.
///   --fresh-keys draws a content-encryption key for every message (Delivery:EncryptionKeyMessages = 1), so that the
///   receiver unwraps each with its private key, as with a partner stack that does not reuse keys.
/// </summary>
public static class GatewayLoadBenchmark
{
    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        string? db = null;
        var pg = Environment.GetEnvironmentVariable("CARAVAN_BENCH_PG") ?? "Host=127.0.0.1;Port=5432;Username=postgres";
        var messages = 5000;
        var rate = 0;
        var warmup = 8000;
        var freshKeys = false;
        var concurrency = 32;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--db" when i + 1 < args.Length: db = args[++i]; break;
                case "--pg" when i + 1 < args.Length: pg = args[++i]; break;
                case "--messages" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0: messages = n; i++; break;
                case "--rate" when i + 1 < args.Length && int.TryParse(args[i + 1], out var r) && r > 0: rate = r; i++; break;
                case "--fresh-keys": freshKeys = true; break;
                case "--concurrency" when i + 1 < args.Length && int.TryParse(args[i + 1], out var c) && c is > 0 and <= 256: concurrency = c; i++; break;
                case "--warmup" when i + 1 < args.Length && int.TryParse(args[i + 1], out var w) && w > 0: warmup = w; i++; break;
                default:
                    Console.Error.WriteLine("usage: gateway --db postgres|sqlite [--pg ADMIN-CONNSTRING] [--messages N] [--rate R] [--warmup W] [--concurrency C] [--fresh-keys]");
                    return 64;
            }
        }
        if (db is not ("postgres" or "sqlite"))
        {
            Console.Error.WriteLine("usage: gateway --db postgres|sqlite [--pg ADMIN-CONNSTRING] [--messages N] [--rate R] [--warmup W] [--concurrency C] [--fresh-keys]");
            return 64;
        }

        await using var network = await BenchNetwork.StartAsync(db == "postgres", pg, o =>
        {
            o.Delivery.BatchSize = 64;
            o.Delivery.Concurrency = concurrency;
            o.Delivery.PollInterval = TimeSpan.FromMilliseconds(50);
            o.Delivery.EncryptionKeyMessages = freshKeys ? 1 : o.Delivery.EncryptionKeyMessages;
        }).ConfigureAwait(false);
        var database = network.Sender.Services.GetRequiredService<CaravanDatabase>();
        var outbox = network.Sender.Services.GetRequiredService<OutboxStore>();
        var payload = Encoding.UTF8.GetBytes(CertificateSizedPayload());
        Console.WriteLine($"Gateway load: {messages} messages of {payload.Length} bytes UZ -> KZ on {db}, {(rate == 0 ? "all committed at once" : $"offered at {rate}/s")}");

        // Warm up the path (JIT tiers, connection pools) with messages that are not counted, until the JIT has settled.
        warmup = await JitWarmup.RunAsync(warmup, 2000, 10, async (offset, count) =>
        {
            await EnqueueAsync(database, outbox, payload, count, "warmup").ConfigureAwait(false);
            await WaitDeliveredAsync(database, "warmup", offset + count).ConfigureAwait(false);
        }).ConfigureAwait(false);

        var watch = Stopwatch.StartNew();
        var startedAt = TimeProvider.System.GetUtcNow();
        var cpu = CpuMeter.Start();
        if (rate == 0)
        {
            for (var sent = 0; sent < messages; sent += 1000)
            {
                await EnqueueAsync(database, outbox, payload, Math.Min(1000, messages - sent), "load").ConfigureAwait(false);
            }
        }
        else
        {
            var perTick = Math.Max(1, rate / 20);
            for (var sent = 0; sent < messages; sent += perTick)
            {
                var due = TimeSpan.FromSeconds((double)sent / rate);
                var wait = due - watch.Elapsed;
                if (wait > TimeSpan.Zero)
                {
                    await Task.Delay(wait).ConfigureAwait(false);
                }
                await EnqueueAsync(database, outbox, payload, Math.Min(perTick, messages - sent), "load").ConfigureAwait(false);
            }
        }
        await WaitDeliveredAsync(database, "load", messages).ConfigureAwait(false);
        var cpuReport = cpu.Report(messages, "message");

        // The run ends when the last receipt was recorded, read from the outbox rather than from when the poll noticed.
        var (latencies, lastDelivered) = await LatenciesAsync(database, "load").ConfigureAwait(false);
        var seconds = (lastDelivered - startedAt).TotalSeconds;
        var received = await network.Receiver.Services.GetRequiredService<CaravanDatabase>().ReadAsync((c, ct) =>
            c.ExecuteScalarAsync<long>(new CommandDefinition("select count(*) from inbox_messages", cancellationToken: ct)), CancellationToken.None).ConfigureAwait(false);
        Console.WriteLine($"delivered {messages} in {seconds:F1} s: {messages / seconds:F0} messages/s (receiver stored {received - warmup} new messages)");
        Console.WriteLine($"enqueue -> signed receipt verified: p50 {Percentile(latencies, 50):F0} ms, p99 {Percentile(latencies, 99):F0} ms");
        Console.WriteLine(cpuReport);
        return 0;
    }

    internal static string CertificateSizedPayload()
    {
        var builder = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?><CertificateOfOrigin xmlns=\"urn:caravan:certificate-of-origin:1\">");
        var random = new Random(7);
        while (builder.Length < 4000)
        {
            builder.Append("<Item><Number>").Append(random.Next(1, 99)).Append("</Number><Description>Fresh apples, class I, cartons of 16 kg, lot ")
                .Append(random.Next(100000, 999999)).Append("</Description><HsCode>080810</HsCode><Quantity unit=\"KGM\">")
                .Append(random.Next(100, 20000)).Append("</Quantity></Item>");
        }
        return builder.Append("</CertificateOfOrigin>").ToString();
    }

    private static Task EnqueueAsync(CaravanDatabase database, OutboxStore outbox, byte[] payload, int count, string conversation) =>
        database.InTransactionAsync(async (unit, ct) =>
        {
            for (var i = 0; i < count; i++)
            {
                var now = TimeProvider.System.GetUtcNow();
                await outbox.EnqueueAsync(unit, new OutboxMessage
                {
                    MessageId = MessageIds.New("UZ", now),
                    Partner = "KZ",
                    Service = As4Services.Documents,
                    Action = As4Services.DeliverDocumentAction,
                    // Each message its own conversation, as each certificate is: the worker sends one conversation's
                    // messages one after another, so a single conversation would measure a serial line.
                    ConversationId = $"{conversation}-{Guid.NewGuid():N}",
                    Payload = payload,
                    PayloadContentType = "application/xml",
                    CreatedAt = now,
                }, ct).ConfigureAwait(false);
            }
        }, CancellationToken.None);

    private static async Task WaitDeliveredAsync(CaravanDatabase database, string conversation, int expected)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromMinutes(10))
        {
            // Whether anything is still pending or sending, and whether anything died, through the partial indexes on
            // those states (the first row found answers): the load is the only traffic, so nothing open means done.
            // A count over the outbox every 20 ms was a fifth of the database server's time in this benchmark.
            var (open, dead) = await database.ReadAsync((c, ct) => c.QuerySingleAsync<(bool, long)>(new CommandDefinition(
                """
                select exists (select 1 from outbox_messages where status = 'pending')
                    or exists (select 1 from outbox_messages where status = 'sending'),
                       (select count(*) from outbox_messages where status = 'dead')
                """,
                cancellationToken: ct)), CancellationToken.None).ConfigureAwait(false);
            if (dead > 0)
            {
                throw new InvalidOperationException($"{dead} message(s) were dead-lettered; the benchmark run is invalid.");
            }
            if (!open)
            {
                var delivered = await database.ReadAsync((c, ct) => c.ExecuteScalarAsync<long>(new CommandDefinition(
                    "select count(*) from outbox_messages where conversation_id like @conversation and status = 'delivered'",
                    new { conversation = conversation + "-%" }, cancellationToken: ct)), CancellationToken.None).ConfigureAwait(false);
                if (delivered < expected)
                {
                    throw new InvalidOperationException($"The outbox is empty but only {delivered} of {expected} messages were delivered.");
                }
                return;
            }
            // Once a second: with the queue tables full of dead index entries until autovacuum's next turn, each poll
            // costs several milliseconds of the database server, which the nodes would otherwise have had.
            await Task.Delay(1000).ConfigureAwait(false);
        }
        throw new TimeoutException("Delivery did not finish within 10 minutes.");
    }

    private static async Task<(List<double> Latencies, DateTimeOffset LastDelivered)> LatenciesAsync(CaravanDatabase database, string conversation)
    {
        var last = DateTimeOffset.MinValue;
        var rows = await database.ReadAsync(async (c, ct) =>
        {
            using var command = c.CreateCommand();
            command.CommandText = "select created_at, delivered_at from outbox_messages where conversation_id like @conversation";
            command.With("conversation", conversation + "-%");
            var result = new List<double>();
            await using var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
            while (await reader.ReadAsync(ct).ConfigureAwait(false))
            {
                var delivered = database.Dialect.ReadTime(reader, 1);
                result.Add((delivered - database.Dialect.ReadTime(reader, 0)).TotalMilliseconds);
                last = delivered > last ? delivered : last;
            }
            return result;
        }, CancellationToken.None).ConfigureAwait(false);
        return (rows, last);
    }

    internal static double Percentile(IReadOnlyCollection<double> values, double percentile)
    {
        var sorted = values.Order().ToArray();
        var rank = (int)Math.Ceiling(percentile / 100 * sorted.Length) - 1;
        return sorted.Length == 0 ? double.NaN : sorted[Math.Clamp(rank, 0, sorted.Length - 1)];
    }
}
