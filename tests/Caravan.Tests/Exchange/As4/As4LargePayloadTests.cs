using System.Security.Cryptography;
using Caravan.Exchange.As4;
using Caravan.Exchange.As4.Compression;
using Caravan.Exchange.As4.Model;
using Caravan.Exchange.As4.Security;

namespace Caravan.Tests.Exchange.As4;

[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class As4AllocationCollection
{
    public const string Name = "AS4 allocation measurements";
}

[Collection(As4AllocationCollection.Name)]
public sealed class As4LargePayloadTests
{
    private const int PayloadSize = 50 * 1024 * 1024;

    [Fact]
    public async Task FiftyMegabytePayload_CompressSignWriteReadVerifyDecompress_StreamsWithoutBufferingPayload()
    {
        using var certificate = As4TestData.CreateRsaCertificate();
        var source = PayloadContent.CreateTemporaryFile();
        byte[] expectedHash;
        await using (var output = source.OpenWrite())
        {
            using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            var block = new byte[64 * 1024];
            for (var written = 0; written < PayloadSize; written += block.Length)
            {
                for (var i = 0; i < block.Length; i++)
                {
                    block[i] = (byte)((written / block.Length * 7) + (i * 31) + (i >> 9));
                }
                hash.AppendData(block);
                await output.WriteAsync(block);
            }
            expectedHash = hash.GetHashAndReset();
        }
        var wirePath = Path.Combine(Path.GetTempPath(), "caravan-as4-wire-" + Guid.NewGuid().ToString("N"));
        try
        {
            var before = GC.GetTotalAllocatedBytes(precise: true);
            using var attachment = new As4Attachment("big@caravan", "application/octet-stream", source);
            var user = As4TestData.UserMessage(As4PartInfo.ForAttachment("big@caravan", "application/octet-stream", gzipCompressed: true));
            string contentType;
            await using (var wire = new FileStream(wirePath, FileMode.Create, FileAccess.Write, FileShare.None, 81920, FileOptions.Asynchronous))
            {
                contentType = (await As4MessageWriter.WriteAsync(As4OutboundMessage.For(user, [attachment]) with { SigningCertificate = certificate }, wire, CancellationToken.None)).ContentType;
            }
            await using (var wire = new FileStream(wirePath, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous))
            {
                using var read = await As4MessageReader.ReadAsync(wire, contentType, CancellationToken.None);
                Assert.True(read.Succeeded, string.Join("; ", read.Errors));
                var verification = await WsSecurityVerifier.VerifyAsync(read.Envelope, read.Attachments, new SignatureVerificationOptions(), CancellationToken.None);
                Assert.True(verification.SignatureValid, verification.FailureReason);
                var received = Assert.Single(read.Attachments);
                Assert.Null(await As4Compression.DecompressAsync(received, "application/octet-stream", null, CancellationToken.None));
                Assert.Equal(PayloadSize, received.Content.Length);
                await using var content = received.Content.OpenRead();
                var actualHash = await SHA256.HashDataAsync(content);
                Assert.Equal(expectedHash, actualHash);
            }
            var allocated = GC.GetTotalAllocatedBytes(precise: true) - before;
            Assert.True(allocated < 16 * 1024 * 1024, "Allocated " + allocated + " bytes for a " + PayloadSize + "-byte payload.");
        }
        finally
        {
            File.Delete(wirePath);
        }
    }
}
