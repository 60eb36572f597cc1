using System.Security.Cryptography;
using Caravan.Exchange.As4;
using Caravan.Exchange.As4.Crypto;

namespace Caravan.Tests.Exchange.As4.Crypto;

/// <summary>
/// In-memory payloads are sealed and opened in one call to the platform's AES-GCM, file-backed ones stream through
/// <see cref="StreamingAesGcm"/>: each must read the other's output, and both must refuse anything altered.
/// </summary>
public sealed class AttachmentCipherTests
{
    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(4022)]
    [InlineData(65_537)]
    public async Task InMemorySeal_OpensByStreamingAndBack(int size)
    {
        var key = RandomNumberGenerator.GetBytes(16);
        var plaintext = RandomNumberGenerator.GetBytes(size);

        using var sealedContent = await AttachmentCipher.EncryptAsync(PayloadContent.FromBytes(plaintext), DataEncryptionAlgorithm.Aes128Gcm, key, CancellationToken.None);
        var sealedBytes = await sealedContent.ReadAllBytesAsync(CancellationToken.None);
        Assert.Equal(size + 28, sealedBytes.Length);
        var streamed = new MemoryStream();
        Assert.True(await StreamingAesGcm.DecryptAsync(new MemoryStream(sealedBytes), streamed, key, CancellationToken.None));
        Assert.Equal(plaintext, streamed.ToArray());

        var streamSealed = new MemoryStream();
        await StreamingAesGcm.EncryptAsync(new MemoryStream(plaintext), streamSealed, key, CancellationToken.None);
        var (opened, failure) = await AttachmentCipher.DecryptAsync(PayloadContent.FromBytes(streamSealed.ToArray()), DataEncryptionAlgorithm.Aes128Gcm, key, CancellationToken.None);
        Assert.Equal("", failure);
        Assert.Equal(plaintext, await opened!.ReadAllBytesAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(12)]
    [InlineData(4000)]
    [InlineData(4049)]
    public async Task InMemoryOpen_AlteredByte_FailsWithoutPlaintext(int position)
    {
        var key = RandomNumberGenerator.GetBytes(16);
        var sealedBytes = AttachmentCipher.SealGcm(RandomNumberGenerator.GetBytes(4022), key);
        sealedBytes[position] ^= 0x01;

        var (opened, failure) = await AttachmentCipher.DecryptAsync(PayloadContent.FromBytes(sealedBytes), DataEncryptionAlgorithm.Aes128Gcm, key, CancellationToken.None);

        Assert.Null(opened);
        Assert.Contains("authentication tag does not match", failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task InMemoryOpen_WrongKey_Fails()
    {
        var sealedBytes = AttachmentCipher.SealGcm(RandomNumberGenerator.GetBytes(100), RandomNumberGenerator.GetBytes(16));

        var (opened, failure) = await AttachmentCipher.DecryptAsync(PayloadContent.FromBytes(sealedBytes), DataEncryptionAlgorithm.Aes128Gcm, RandomNumberGenerator.GetBytes(16), CancellationToken.None);

        Assert.Null(opened);
        Assert.NotEqual("", failure);
    }
}
