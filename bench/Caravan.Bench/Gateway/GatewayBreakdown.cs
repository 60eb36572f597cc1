using System.Diagnostics;
using System.Text;
using Caravan.Exchange.As4;
using Caravan.Exchange.As4.Compression;
using Caravan.Exchange.As4.Mime;
using Caravan.Exchange.As4.Model;
using Caravan.Exchange.As4.Security;
using Caravan.Exchange.As4.Signals;
using Caravan.Exchange.Gateway;
using Caravan.Trust;

namespace Caravan.Bench.Gateway;

/// <summary>
/// Where one message's CPU time goes: each step of the send and receive path timed in isolation, on the same
/// ~4 KB payload, over many iterations (mean µs per message). Database and HTTP are what remains of the measured
/// per-message cost. Usage: gateway-breakdown [--iterations N] [--fresh-keys]
/// </summary>
public static class GatewayBreakdown
{
    public static int Run(string[] args) => RunAsync(args).GetAwaiter().GetResult();

    private static async Task<int> RunAsync(string[] args)
    {
        var at = Array.IndexOf(args, "--iterations");
        var iterations = at >= 0 && at + 1 < args.Length && int.TryParse(args[at + 1], out var n) ? n : 300;
        using var sender = NodeIdentity.CreateSelfSigned("UZ", "Sender", TimeProvider.System.GetUtcNow(), TimeSpan.FromDays(30));
        using var receiver = NodeIdentity.CreateSelfSigned("KZ", "Receiver", TimeProvider.System.GetUtcNow(), TimeSpan.FromDays(30));
        var payload = Encoding.UTF8.GetBytes(GatewayLoadBenchmark.CertificateSizedPayload());
        var timings = new Dictionary<string, TimeSpan>();
        var allocations = new Dictionary<string, long>();
        // As the gateway does by default (Delivery:EncryptionKeyMessages); --fresh-keys draws a key per message.
        var reuse = args.Contains("--fresh-keys") ? ContentKeyReuse.None : ContentKeyReuse.Default;

        async Task<T> Time<T>(string phase, Func<Task<T>> step)
        {
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            var started = Stopwatch.GetTimestamp();
            var result = await step().ConfigureAwait(false);
            timings[phase] = timings.GetValueOrDefault(phase) + Stopwatch.GetElapsedTime(started);
            allocations[phase] = allocations.GetValueOrDefault(phase) + GC.GetTotalAllocatedBytes(precise: true) - allocated;
            return result;
        }

        for (var i = -20; i < iterations; i++)
        {
            if (i == 0)
            {
                timings.Clear();
                allocations.Clear();
            }
            var message = new As4UserMessage($"{Guid.NewGuid():N}@uz.caravan", TimeProvider.System.GetUtcNow(), null,
                new As4Party(new As4PartyId("UZ", As4Services.PartyIdType), As4Services.InitiatorRole),
                new As4Party(new As4PartyId("KZ", As4Services.PartyIdType), As4Services.ResponderRole),
                As4Services.Documents, As4Services.DeliverDocumentAction, "c")
            {
                AgreementRef = As4Services.Agreement,
                PayloadInfo = [As4PartInfo.ForAttachment("p1@uz", "application/xml", gzipCompressed: true)],
            };
            using var attachment = new As4Attachment("p1@uz", "application/xml", PayloadContent.FromBytes(payload));
            var envelope = await Time("1 build envelope", () => Task.FromResult(As4EnvelopeSerializer.CreateEnvelope(message))).ConfigureAwait(false);
            await Time("2 gzip", async () => { await As4Compression.CompressAsync(attachment, CancellationToken.None).ConfigureAwait(false); return 0; }).ConfigureAwait(false);
            var signed = await Time("3 sign (exc-c14n + RSA-SHA256)", () => WsSecuritySigner.SignAsync(envelope, [attachment], sender, CancellationToken.None)).ConfigureAwait(false);
            await Time("4 encrypt (AES-128-GCM + RSA-OAEP)", async () => { await WsEncryption.EncryptAsync(envelope, [attachment], receiver, reuse, CancellationToken.None).ConfigureAwait(false); return 0; }).ConfigureAwait(false);
            var bytes = await Time("5 MIME package + write", async () =>
            {
                using var package = As4MimeWriter.Package(envelope, [attachment]);
                using var output = new MemoryStream();
                await package.WriteToAsync(output, CancellationToken.None).ConfigureAwait(false);
                return (package.ContentType, output.ToArray());
            }).ConfigureAwait(false);
            using var read = await Time("6 receive: MIME read + parse", () => As4MessageReader.ReadAsync(new MemoryStream(bytes.Item2), bytes.ContentType, CancellationToken.None)).ConfigureAwait(false);
            await Time("7 receive: decrypt (RSA-OAEP + AES-GCM)", () => WsEncryption.DecryptAsync(read.Envelope!.Document, read.Attachments, receiver, CancellationToken.None)).ConfigureAwait(false);
            var verified = await Time("8 receive: verify signature", () => WsSecurityVerifier.VerifyAsync(read.Envelope!, read.Attachments,
                new SignatureVerificationOptions { CandidateCertificates = [sender] }, CancellationToken.None)).ConfigureAwait(false);
            if (verified.SignatureValid != true)
            {
                throw new InvalidOperationException("The signature did not verify: " + verified.FailureReason);
            }
            await Time("9 receive: gunzip", async () => await As4Compression.DecompressAsync(read.Attachments[0], "application/xml", null, CancellationToken.None).ConfigureAwait(false) ?? null).ConfigureAwait(false);
            var receiptBytes = await Time("10 receipt: build + sign + write", async () =>
            {
                return await As4ReceiptBuilder.BuildSignedAsync(read.Envelope!, $"{Guid.NewGuid():N}@kz.caravan", TimeProvider.System.GetUtcNow(), receiver, CancellationToken.None).ConfigureAwait(false);
            }).ConfigureAwait(false);
            await Time("11 sender: read + verify receipt + NRI", async () =>
            {
                using var receiptRead = await As4MessageReader.ReadAsync(new MemoryStream(receiptBytes), "application/soap+xml", CancellationToken.None).ConfigureAwait(false);
                var check = await WsSecurityVerifier.VerifyAsync(receiptRead.Envelope!, [], new SignatureVerificationOptions { CandidateCertificates = [receiver] }, CancellationToken.None).ConfigureAwait(false);
                return As4ReceiptVerifier.Check((As4Receipt)receiptRead.Envelope!.PrimaryUnit, message.MessageId, signed.References).Valid && check.SignatureValid == true;
            }).ConfigureAwait(false);
        }

        var total = TimeSpan.Zero;
        var totalAllocated = 0L;
        Console.WriteLine($"Per-message CPU time of the AS4 path, {iterations} iterations, single thread (mean µs, and KB allocated on the managed heap):");
        foreach (var (phase, time) in timings.OrderBy(t => int.Parse(t.Key.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)))
        {
            Console.WriteLine($"  {phase,-45} {time.TotalMicroseconds / iterations,8:F0} µs {allocations[phase] / 1024.0 / iterations,8:F1} KB");
            total += time;
            totalAllocated += allocations[phase];
        }
        Console.WriteLine($"  {"total crypto + XML + MIME",-45} {total.TotalMicroseconds / iterations,8:F0} µs {totalAllocated / 1024.0 / iterations,8:F1} KB  (= {iterations / total.TotalSeconds:F0} messages/s per core)");
        return 0;
    }
}
