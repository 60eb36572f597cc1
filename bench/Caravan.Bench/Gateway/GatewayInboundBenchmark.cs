using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Caravan.Exchange.As4;
using Caravan.Exchange.As4.Model;
using Caravan.Exchange.As4.Security;
using Caravan.Exchange.Gateway;
using Caravan.Trust;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Bench.Gateway;

/// <summary>
/// One node's inbound rate, the way AS4 products usually quote it: N messages from UZ to KZ are prepared first
/// (gzip, signed with UZ's key, encrypted for KZ), then posted to KZ's /as4 by C concurrent clients. The timed part is
/// KZ's whole receive path (decrypt, verify against the trust list, store once, audit, signed receipt) plus the HTTP
/// client, all on the same 2 cores. Every answer must be a receipt. W more messages (default 4,000) go first, uncounted,
/// while the tiered JIT settles.
/// The messages share content-encryption keys as a Caravan sender's do (Delivery:EncryptionKeyMessages); --fresh-keys
/// gives each its own, as a partner stack that does not reuse keys would, so that KZ unwraps every one with its private key.
/// Usage: gateway-inbound --db postgres|sqlite [--pg ADMIN-CONNSTRING] [--messages N] [--concurrency C] [--warmup W] [--fresh-keys]
/// </summary>
public static class GatewayInboundBenchmark
{
    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        string? db = null;
        var pg = Environment.GetEnvironmentVariable("CARAVAN_BENCH_PG") ?? "Host=127.0.0.1;Port=5432;Username=postgres";
        var messages = 3000;
        var warmup = 4000;
        var concurrency = 16;
        var freshKeys = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--db" when i + 1 < args.Length: db = args[++i]; break;
                case "--pg" when i + 1 < args.Length: pg = args[++i]; break;
                case "--messages" when i + 1 < args.Length && int.TryParse(args[i + 1], out var n) && n > 0: messages = n; i++; break;
                case "--warmup" when i + 1 < args.Length && int.TryParse(args[i + 1], out var w) && w > 0: warmup = w; i++; break;
                case "--fresh-keys": freshKeys = true; break;
                case "--concurrency" when i + 1 < args.Length && int.TryParse(args[i + 1], out var c) && c > 0: concurrency = c; i++; break;
                default: db = null; i = args.Length; break;
            }
        }
        if (db is not ("postgres" or "sqlite"))
        {
            Console.Error.WriteLine("usage: gateway-inbound --db postgres|sqlite [--pg ADMIN-CONNSTRING] [--messages N] [--concurrency C] [--warmup W] [--fresh-keys]");
            return 64;
        }
        await using var network = await BenchNetwork.StartAsync(db == "postgres", pg).ConfigureAwait(false);
        var uz = network.Sender.Services.GetRequiredService<NodeIdentity>().Certificate;
        var kz = network.Receiver.Services.GetRequiredService<NodeIdentity>().Certificate;
        var payload = Encoding.UTF8.GetBytes(GatewayLoadBenchmark.CertificateSizedPayload());
        var endpoint = new Uri(network.Receiver.BaseUrl, "as4");

        var reuse = freshKeys ? ContentKeyReuse.None : ContentKeyReuse.Default;
        async Task<(string ContentType, byte[] Body)[]> PrepareManyAsync(int count)
        {
            var many = new (string ContentType, byte[] Body)[count];
            for (var i = 0; i < count; i++)
            {
                many[i] = await PrepareAsync(uz, kz, payload, reuse).ConfigureAwait(false);
            }
            return many;
        }
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = concurrency });
        // Warm-up, not counted: the receive path until the runtime's tiered JIT has settled.
        await JitWarmup.RunAsync(warmup, 2000, 10, async (_, count) =>
            await PostAllAsync(http, endpoint, await PrepareManyAsync(count).ConfigureAwait(false), concurrency).ConfigureAwait(false)).ConfigureAwait(false);
        var prepared = await PrepareManyAsync(messages).ConfigureAwait(false);

        Console.WriteLine($"Inbound: {messages} prepared messages of {payload.Length} bytes posted to KZ on {db} by {concurrency} clients");
        var latencies = new double[messages];
        var watch = Stopwatch.StartNew();
        var cpu = CpuMeter.Start();
        await PostAllAsync(http, endpoint, prepared, concurrency, latencies).ConfigureAwait(false);
        var seconds = watch.Elapsed.TotalSeconds;
        Console.WriteLine($"received {messages} in {seconds:F1} s: {messages / seconds:F0} messages/s, each answered with a signed receipt");
        Console.WriteLine($"request -> receipt: p50 {GatewayLoadBenchmark.Percentile(latencies, 50):F0} ms, p99 {GatewayLoadBenchmark.Percentile(latencies, 99):F0} ms");
        Console.WriteLine(cpu.Report(messages, "message") + " (this process includes the posting clients)");
        return 0;
    }

    private static async Task PostAllAsync(HttpClient http, Uri endpoint, ReadOnlyMemory<(string ContentType, byte[] Body)> messages, int concurrency, double[]? latencies = null)
    {
        await Parallel.ForEachAsync(Enumerable.Range(0, messages.Length), new ParallelOptions { MaxDegreeOfParallelism = concurrency }, async (i, ct) =>
        {
            var (contentType, body) = messages.Span[i];
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            var started = Stopwatch.GetTimestamp();
            using var response = await http.PostAsync(endpoint, content, ct).ConfigureAwait(false);
            var answer = await response.Content.ReadAsStringAsync(ct).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode || !answer.Contains("Receipt", StringComparison.Ordinal))
            {
                throw new InvalidOperationException($"Message {i} was not receipted: HTTP {(int)response.StatusCode} {answer[..Math.Min(300, answer.Length)]}");
            }
            if (latencies is not null)
            {
                latencies[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            }
        }).ConfigureAwait(false);
    }

    private static async Task<(string, byte[])> PrepareAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 signer, System.Security.Cryptography.X509Certificates.X509Certificate2 recipient, byte[] payload, ContentKeyReuse reuse)
    {
        var message = new As4UserMessage(MessageIds.New("UZ", TimeProvider.System.GetUtcNow()), TimeProvider.System.GetUtcNow(), null,
            new As4Party(new As4PartyId("UZ", As4Services.PartyIdType), As4Services.InitiatorRole),
            new As4Party(new As4PartyId("KZ", As4Services.PartyIdType), As4Services.ResponderRole),
            As4Services.Documents, As4Services.DeliverDocumentAction, "inbound")
        {
            AgreementRef = As4Services.Agreement,
            PayloadInfo = [As4PartInfo.ForAttachment("payload-1@uz.caravan", "application/xml", gzipCompressed: true)],
        };
        using var attachment = new As4Attachment("payload-1@uz.caravan", "application/xml", PayloadContent.FromBytes(payload));
        using var prepared = await As4MessageWriter.PrepareAsync(new As4OutboundMessage(As4EnvelopeSerializer.CreateEnvelope(message), [attachment])
        {
            UserMessage = message,
            SigningCertificate = signer,
            EncryptionCertificate = recipient,
            EncryptionKeyReuse = reuse,
        }, CancellationToken.None).ConfigureAwait(false);
        using var output = new MemoryStream();
        await prepared.Package.WriteToAsync(output, CancellationToken.None).ConfigureAwait(false);
        return (prepared.Package.ContentType, output.ToArray());
    }
}
