using System.Diagnostics;
using System.Security.Cryptography;
using Caravan.Exchange.As4;
using Caravan.Exchange.Gateway;
using Caravan.Exchange.Inbox;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Bench.Gateway;

/// <summary>
/// One large payload (50 MB by default) crosses from UZ to KZ through the real gateway path (file-backed content,
/// gzip, signature, encryption, MIME streamed over HTTP; the receiver spools, decrypts, verifies, decompresses and
/// streams it into its database) while a sampler records the process's managed heap and working set. Both nodes run
/// in this process, so the growth is sender and receiver together.
/// Usage: large --db postgres|sqlite [--pg ADMIN-CONNSTRING] [--megabytes N]
/// </summary>
public static class LargePayloadBenchmark
{
    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        string? db = null;
        var pg = Environment.GetEnvironmentVariable("CARAVAN_BENCH_PG") ?? "Host=127.0.0.1;Port=5432;Username=postgres";
        var megabytes = 50;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--db" when i + 1 < args.Length: db = args[++i]; break;
                case "--pg" when i + 1 < args.Length: pg = args[++i]; break;
                case "--megabytes" when i + 1 < args.Length && int.TryParse(args[i + 1], out var m) && m > 0: megabytes = m; i++; break;
                default: db = null; i = args.Length; break;
            }
        }
        if (db is not ("postgres" or "sqlite"))
        {
            Console.Error.WriteLine("usage: large --db postgres|sqlite [--pg ADMIN-CONNSTRING] [--megabytes N]");
            return 64;
        }

        await using var network = await BenchNetwork.StartAsync(db == "postgres", pg).ConfigureAwait(false);
        var size = megabytes * 1024L * 1024L;
        using var payload = PayloadContent.CreateTemporaryFile();
        byte[] expectedHash;
        await using (var output = payload.OpenWrite())
        using (var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256))
        {
            // Half random (incompressible), half text-like, so compression does not make the test trivial.
            var random = new Random(11);
            var buffer = new byte[81920];
            for (long written = 0; written < size; written += buffer.Length)
            {
                if (written < size / 2)
                {
                    random.NextBytes(buffer);
                }
                else
                {
                    for (var i = 0; i < buffer.Length; i++)
                    {
                        buffer[i] = (byte)('a' + ((i * 7 + written / 81920) % 26));
                    }
                }
                var count = (int)Math.Min(buffer.Length, size - written);
                await output.WriteAsync(buffer.AsMemory(0, count)).ConfigureAwait(false);
                hash.AppendData(buffer, 0, count);
            }
            expectedHash = hash.GetHashAndReset();
        }

        var sender = network.Sender.Services.GetRequiredService<As4Sender>();
        var partner = network.Sender.Services.GetRequiredService<NodeContext>().TrustList.FindPartner("KZ")!;
        // A first small message warms the path up so that JIT and pools are not counted as growth.
        using (var warm = PayloadContent.FromBytes(new byte[1024]))
        {
            await sender.SendAsync(MessageIds.New("UZ", TimeProvider.System.GetUtcNow()), As4Services.Documents, As4Services.DeliverDocumentAction, "warmup", null,
                warm, "application/octet-stream", partner, CancellationToken.None).ConfigureAwait(false);
        }
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var baseHeap = GC.GetTotalMemory(forceFullCollection: true);
        var baseWorkingSet = process.WorkingSet64;
        var baseAllocated = GC.GetTotalAllocatedBytes(precise: true);
        long peakHeap = baseHeap, peakWorkingSet = baseWorkingSet;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                process.Refresh();
                peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(false));
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                await Task.Delay(5).ConfigureAwait(false);
            }
        });

        var messageId = MessageIds.New("UZ", TimeProvider.System.GetUtcNow());
        var watch = Stopwatch.StartNew();
        var outcome = await sender.SendAsync(messageId, As4Services.Documents, As4Services.DeliverDocumentAction, "large", null,
            payload, "application/octet-stream", partner, CancellationToken.None).ConfigureAwait(false);
        var seconds = watch.Elapsed.TotalSeconds;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - baseAllocated;
        await stop.CancelAsync().ConfigureAwait(false);
        await sampler.ConfigureAwait(false);
        if (outcome.Kind != SendOutcomeKind.Delivered)
        {
            Console.Error.WriteLine($"The transfer failed: {outcome.Kind} {outcome.Detail}");
            return 1;
        }

        var inbox = network.Receiver.Services.GetRequiredService<InboxStore>();
        using var received = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        await using (var sink = new HashingStream(received))
        {
            await inbox.CopyPayloadToAsync(messageId, sink, CancellationToken.None).ConfigureAwait(false);
        }
        var intact = received.GetHashAndReset().AsSpan().SequenceEqual(expectedHash);
        Console.WriteLine($"{megabytes} MB UZ -> KZ on {db}: {seconds:F1} s, delivered with a verified signed receipt, stored payload {(intact ? "identical (SHA-256)" : "DIFFERENT")}");
        Console.WriteLine($"peak managed heap growth: {(peakHeap - baseHeap) / 1048576.0:F1} MiB ({(double)(peakHeap - baseHeap) / size:P0} of the payload)");
        Console.WriteLine($"allocated during the transfer: {allocated / 1048576.0:F1} MiB in total (short-lived buffers, collected as it streams)");
        Console.WriteLine($"peak working-set growth:  {(peakWorkingSet - baseWorkingSet) / 1048576.0:F1} MiB ({(double)(peakWorkingSet - baseWorkingSet) / size:P0} of the payload)");
        return intact ? 0 : 1;
    }

    /// <summary>A write-only stream that only hashes what is written.</summary>
    private sealed class HashingStream(IncrementalHash hash) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => hash.AppendData(buffer, offset, count);

        public override void Write(ReadOnlySpan<byte> buffer) => hash.AppendData(buffer);

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
        {
            hash.AppendData(buffer.Span);
            return ValueTask.CompletedTask;
        }
    }
}
