using System.Diagnostics;
using System.Security.Cryptography;
using Caravan.Exchange.As4;
using Caravan.Exchange.As4.Security;
using Xunit.Abstractions;

namespace Caravan.Tests.Exchange.As4.Security;

/// <summary>Runs alone so that process-wide allocation counts see only this test.</summary>
[CollectionDefinition(nameof(AllocationMeasurement), DisableParallelization = true)]
public sealed class AllocationMeasurement;

[Collection(nameof(AllocationMeasurement))]
public sealed class WsEncryptionLargePayloadTests(ITestOutputHelper output)
{
    private const int PayloadSize = 50 * 1024 * 1024;
    private const long AllocationBudget = 8 * 1024 * 1024;

    [Fact]
    public async Task EncryptThenDecrypt_50MegabyteAttachment_StreamsWithBoundedAllocations()
    {
        var (plaintext, expectedHash) = await WriteRandomFileAsync(PayloadSize);
        var (envelope, _) = WsEncryptionTests.CreateMessage();
        var attachment = new As4Attachment("big@caravan", "application/gzip", plaintext);
        var recipient = TestCertificates.Recipient;
        await WarmUpAsync(recipient);

        var before = GC.GetTotalAllocatedBytes(precise: true);
        var watch = Stopwatch.StartNew();
        await WsEncryption.EncryptAsync(envelope, [attachment], recipient, CancellationToken.None);
        var encryptSeconds = watch.Elapsed.TotalSeconds;
        var afterEncrypt = GC.GetTotalAllocatedBytes(precise: true);
        watch.Restart();
        var result = await WsEncryption.DecryptAsync(envelope, [attachment], recipient, CancellationToken.None);
        var decryptSeconds = watch.Elapsed.TotalSeconds;
        var after = GC.GetTotalAllocatedBytes(precise: true);

        output.WriteLine(
            $"50 MB: encrypt {encryptSeconds:F2} s ({50 / encryptSeconds:F0} MB/s incl. file I/O, {(afterEncrypt - before) / 1024} KiB allocated), " +
            $"decrypt {decryptSeconds:F2} s ({50 / decryptSeconds:F0} MB/s, {(after - afterEncrypt) / 1024} KiB allocated)");
        Assert.True(result.Succeeded, result.ToString());
        Assert.InRange(afterEncrypt - before, 0, AllocationBudget);
        Assert.InRange(after - afterEncrypt, 0, AllocationBudget);
        Assert.Equal(PayloadSize, attachment.Content.Length);
        Assert.Equal(expectedHash, await HashAsync(attachment.Content));
        attachment.Dispose();
    }

    private static async Task<(PayloadContent Content, byte[] Hash)> WriteRandomFileAsync(int size)
    {
        var file = PayloadContent.CreateTemporaryFile();
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[1024 * 1024];
        var random = new Random(50);
        await using (var stream = file.OpenWrite())
        {
            for (var written = 0; written < size; written += buffer.Length)
            {
                random.NextBytes(buffer);
                hash.AppendData(buffer);
                await stream.WriteAsync(buffer);
            }
        }
        return (file, hash.GetHashAndReset());
    }

    private static async Task<byte[]> HashAsync(PayloadContent content)
    {
        await using var stream = content.OpenRead();
        return await SHA256.HashDataAsync(stream);
    }

    /// <summary>JIT and first-use allocations (type loading, OpenSSL handles) are not per-payload costs.</summary>
    private static async Task WarmUpAsync(System.Security.Cryptography.X509Certificates.X509Certificate2 recipient)
    {
        var (envelope, attachments) = WsEncryptionTests.CreateMessage(("w@x", "text/plain", new byte[PayloadContent.InMemoryLimit + 1]));
        await WsEncryption.EncryptAsync(envelope, attachments, recipient, CancellationToken.None);
        await WsEncryption.DecryptAsync(envelope, attachments, recipient, CancellationToken.None);
        attachments.ForEach(a => a.Dispose());
    }
}
