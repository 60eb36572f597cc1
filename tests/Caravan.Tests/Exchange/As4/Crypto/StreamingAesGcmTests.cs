using System.Security.Cryptography;
using Caravan.Exchange.As4.Crypto;

namespace Caravan.Tests.Exchange.As4.Crypto;

public sealed class StreamingAesGcmTests
{
    public static TheoryData<int> Sizes => new() { 0, 1, 15, 16, 17, 31, 32, 33, 63, 64, 65, 100, 4096, 4097, 65535, 65536, 65537, 99_999, 1_048_576 };

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Encrypt_MatchesFrameworkAesGcm(int size)
    {
        foreach (var keySize in new[] { 16, 32 })
        {
            var (key, nonce, plaintext) = CreateInput(size, keySize, seed: size + keySize);
            var (expectedCiphertext, expectedTag) = FrameworkEncrypt(key, nonce, plaintext);

            foreach (var portable in new[] { false, true })
            {
                if (portable && size > 70_000)
                {
                    continue; // the bitwise fallback is slow; mid sizes cover its chunking
                }
                using var gcm = portable ? StreamingAesGcm.CreatePortable(key, nonce, encrypting: true) : StreamingAesGcm.CreateEncryptor(key, nonce);
                var ciphertext = new byte[size];
                FeedInOddChunks(gcm, plaintext, ciphertext, seed: size);
                var tag = new byte[16];
                gcm.GetTag(tag);

                Assert.Equal(expectedCiphertext, ciphertext);
                Assert.Equal(expectedTag, tag);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Decrypt_OfFrameworkAesGcmOutput_RecoversPlaintextAndAcceptsTag(int size)
    {
        var (key, nonce, plaintext) = CreateInput(size, 16, seed: 7 * size);
        var (ciphertext, tag) = FrameworkEncrypt(key, nonce, plaintext);

        foreach (var portable in new[] { false, true })
        {
            if (portable && size > 70_000)
            {
                continue;
            }
            using var gcm = portable ? StreamingAesGcm.CreatePortable(key, nonce, encrypting: false) : StreamingAesGcm.CreateDecryptor(key, nonce);
            var recovered = new byte[size];
            FeedInOddChunks(gcm, ciphertext, recovered, seed: size + 1);

            Assert.True(gcm.VerifyTag(tag));
            Assert.Equal(plaintext, recovered);
        }
    }

    [Fact]
    public async Task DecryptAsync_TamperedTag_ReturnsFalse()
    {
        var (key, _, plaintext) = CreateInput(5000, 16, seed: 1);
        var sealedBytes = await EncryptToArray(key, plaintext);
        sealedBytes[^1] ^= 0x01;

        Assert.False(await StreamingAesGcm.DecryptAsync(new MemoryStream(sealedBytes), Stream.Null, key, CancellationToken.None));
    }

    [Fact]
    public async Task DecryptAsync_TamperedCiphertext_ReturnsFalse()
    {
        var (key, _, plaintext) = CreateInput(5000, 16, seed: 2);
        var sealedBytes = await EncryptToArray(key, plaintext);
        sealedBytes[StreamingAesGcm.NonceSize + 1234] ^= 0x80;

        Assert.False(await StreamingAesGcm.DecryptAsync(new MemoryStream(sealedBytes), Stream.Null, key, CancellationToken.None));
    }

    [Fact]
    public async Task DecryptAsync_TruncatedInput_ReturnsFalse()
    {
        var (key, _, _) = CreateInput(0, 16, seed: 3);

        Assert.False(await StreamingAesGcm.DecryptAsync(new MemoryStream(new byte[20]), Stream.Null, key, CancellationToken.None));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(16)]
    [InlineData(65_536 + 3)]
    [InlineData(300_001)]
    public async Task EncryptAsync_ThenFrameworkDecrypt_RoundTrips(int size)
    {
        var (key, _, plaintext) = CreateInput(size, 16, seed: size);
        var sealedBytes = await EncryptToArray(key, plaintext);

        using var aes = new AesGcm(key, 16);
        var recovered = new byte[size];
        aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(12, size), sealedBytes.AsSpan(12 + size), recovered);
        Assert.Equal(plaintext, recovered);

        var viaStream = new MemoryStream();
        Assert.True(await StreamingAesGcm.DecryptAsync(new SlowStream(sealedBytes), viaStream, key, CancellationToken.None));
        Assert.Equal(plaintext, viaStream.ToArray());
    }

    [Fact]
    public void Update_InPlaceOverSeveralBuffers_MatchesFrameworkAesGcm()
    {
        // Input and output are the same buffer, refilled and fed whole, as the stream API does with its 64 KiB buffer.
        const int BufferSize = 65_536;
        const int Buffers = 3;
        var (key, nonce, plaintext) = CreateInput(BufferSize * Buffers, 16, seed: 11);
        var (expectedCiphertext, expectedTag) = FrameworkEncrypt(key, nonce, plaintext);

        using var gcm = StreamingAesGcm.CreateEncryptor(key, nonce);
        var buffer = new byte[BufferSize];
        var ciphertext = new byte[plaintext.Length];
        for (var i = 0; i < Buffers; i++)
        {
            plaintext.AsSpan(i * BufferSize, BufferSize).CopyTo(buffer);
            gcm.Update(buffer, buffer);
            buffer.CopyTo(ciphertext.AsSpan(i * BufferSize));
        }
        var tag = new byte[16];
        gcm.GetTag(tag);

        Assert.Equal(expectedCiphertext, ciphertext);
        Assert.Equal(expectedTag, tag);
    }

    private static async Task<byte[]> EncryptToArray(byte[] key, byte[] plaintext)
    {
        var sealedStream = new MemoryStream();
        await StreamingAesGcm.EncryptAsync(new MemoryStream(plaintext), sealedStream, key, CancellationToken.None);
        return sealedStream.ToArray();
    }

    private static (byte[] Key, byte[] Nonce, byte[] Plaintext) CreateInput(int size, int keySize, int seed)
    {
        var random = new Random(seed);
        var key = new byte[keySize];
        var nonce = new byte[12];
        var plaintext = new byte[size];
        random.NextBytes(key);
        random.NextBytes(nonce);
        random.NextBytes(plaintext);
        return (key, nonce, plaintext);
    }

    private static (byte[] Ciphertext, byte[] Tag) FrameworkEncrypt(byte[] key, byte[] nonce, byte[] plaintext)
    {
        using var aes = new AesGcm(key, 16);
        var ciphertext = new byte[plaintext.Length];
        var tag = new byte[16];
        aes.Encrypt(nonce, plaintext, ciphertext, tag);
        return (ciphertext, tag);
    }

    private static void FeedInOddChunks(StreamingAesGcm gcm, byte[] input, byte[] output, int seed)
    {
        var random = new Random(seed);
        var offset = 0;
        while (offset < input.Length)
        {
            var count = Math.Min(input.Length - offset, random.Next(0, 3) switch { 0 => random.Next(1, 20), 1 => random.Next(1, 300), _ => random.Next(1, 200_000) });
            gcm.Update(input.AsSpan(offset, count), output.AsSpan(offset, count));
            offset += count;
        }
    }

    /// <summary>Returns at most a few bytes per read, to exercise the tag hold-back.</summary>
    private sealed class SlowStream(byte[] bytes) : MemoryStream(bytes)
    {
        private readonly Random _random = new(5);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            base.ReadAsync(buffer[..Math.Min(buffer.Length, _random.Next(1, 40_000))], cancellationToken);
    }
}
