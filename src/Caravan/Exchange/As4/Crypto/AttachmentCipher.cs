using System.Security.Cryptography;

namespace Caravan.Exchange.As4.Crypto;

/// <summary>
/// Encrypts and decrypts whole payloads as XML Encryption octet sequences (GCM: nonce || ciphertext || tag;
/// CBC: IV || ciphertext with the XML Encryption padding), streaming through a bounded buffer into new
/// <see cref="PayloadContent"/> (memory when small, a temporary file otherwise).
/// </summary>
internal static class AttachmentCipher
{
    private const int BlockSize = 16;
    private const int ChunkSize = 64 * 1024;

    private const string TagMismatch = "The AES-GCM authentication tag does not match: the attachment or key was altered.";

    public static int KeySize(DataEncryptionAlgorithm algorithm) =>
        algorithm switch
        {
            DataEncryptionAlgorithm.Aes128Gcm or DataEncryptionAlgorithm.Aes128Cbc => 16,
            DataEncryptionAlgorithm.Aes192Gcm or DataEncryptionAlgorithm.Aes192Cbc => 24,
            DataEncryptionAlgorithm.Aes256Gcm or DataEncryptionAlgorithm.Aes256Cbc => 32,
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
        };

    public static bool IsGcm(DataEncryptionAlgorithm algorithm) =>
        algorithm is DataEncryptionAlgorithm.Aes128Gcm or DataEncryptionAlgorithm.Aes192Gcm or DataEncryptionAlgorithm.Aes256Gcm;

    public static async Task<PayloadContent> EncryptAsync(PayloadContent plaintext, DataEncryptionAlgorithm algorithm, byte[] key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        if (IsGcm(algorithm) && plaintext.TryGetMemory(out var bytes) && bytes.Length <= PayloadContent.InMemoryLimit)
        {
            return PayloadContent.FromBytes(SealGcm(bytes.Span, key));
        }
        var sink = OutputSink.Create(plaintext.Length + 32);
        try
        {
            await using (var input = plaintext.OpenRead())
            {
                if (IsGcm(algorithm))
                {
                    await StreamingAesGcm.EncryptAsync(input, sink.Stream, key, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await EncryptCbcAsync(input, sink.Stream, key, cancellationToken).ConfigureAwait(false);
                }
            }
            return await sink.CompleteAsync().ConfigureAwait(false);
        }
        catch
        {
            await sink.AbandonAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>
    /// Decrypts into new content, or returns null with a reason; on failure nothing decrypted survives
    /// (the partial output is disposed), so unauthenticated plaintext never leaves this method.
    /// </summary>
    public static async Task<(PayloadContent? Plaintext, string Failure)> DecryptAsync(
        PayloadContent ciphertext, DataEncryptionAlgorithm algorithm, byte[] key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ciphertext);
        if (IsGcm(algorithm) && ciphertext.TryGetMemory(out var bytes) && bytes.Length is >= StreamingAesGcm.NonceSize + StreamingAesGcm.TagSize and <= PayloadContent.InMemoryLimit)
        {
            var opened = OpenGcm(bytes.Span, key);
            return opened is null
                ? (null, TagMismatch)
                : (PayloadContent.FromBytes(opened), "");
        }
        var sink = OutputSink.Create(ciphertext.Length);
        var failure = "";
        try
        {
            await using (var input = ciphertext.OpenRead())
            {
                if (IsGcm(algorithm))
                {
                    if (ciphertext.Length < StreamingAesGcm.NonceSize + StreamingAesGcm.TagSize)
                    {
                        failure = $"The attachment holds {ciphertext.Length} bytes, fewer than a GCM nonce and tag.";
                    }
                    else if (!await StreamingAesGcm.DecryptAsync(input, sink.Stream, key, cancellationToken).ConfigureAwait(false))
                    {
                        failure = TagMismatch;
                    }
                }
                else
                {
                    failure = await DecryptCbcAsync(input, sink.Stream, key, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        catch
        {
            await sink.AbandonAsync().ConfigureAwait(false);
            throw;
        }
        if (failure.Length > 0)
        {
            await sink.AbandonAsync().ConfigureAwait(false);
            return (null, failure);
        }
        return (await sink.CompleteAsync().ConfigureAwait(false), "");
    }

    /// <summary>
    /// Payloads held in memory (up to <see cref="PayloadContent.InMemoryLimit"/>) are sealed in one call to the
    /// platform's AES-GCM (OpenSSL, with the CPU's AES and carry-less multiply instructions); larger ones stream
    /// through <see cref="StreamingAesGcm"/>. Both write nonce || ciphertext || tag and read each other's output.
    /// </summary>
    internal static byte[] SealGcm(ReadOnlySpan<byte> plaintext, byte[] key)
    {
        var output = new byte[StreamingAesGcm.NonceSize + plaintext.Length + StreamingAesGcm.TagSize];
        var nonce = output.AsSpan(0, StreamingAesGcm.NonceSize);
        RandomNumberGenerator.Fill(nonce);
        using var gcm = new AesGcm(key, StreamingAesGcm.TagSize);
        gcm.Encrypt(nonce, plaintext, output.AsSpan(StreamingAesGcm.NonceSize, plaintext.Length), output.AsSpan(StreamingAesGcm.NonceSize + plaintext.Length));
        return output;
    }

    /// <summary>The plaintext, or null when the tag does not match (nothing decrypted is returned then).</summary>
    internal static byte[]? OpenGcm(ReadOnlySpan<byte> sealedBytes, byte[] key)
    {
        var length = sealedBytes.Length - StreamingAesGcm.NonceSize - StreamingAesGcm.TagSize;
        var plaintext = new byte[length];
        using var gcm = new AesGcm(key, StreamingAesGcm.TagSize);
        try
        {
            gcm.Decrypt(sealedBytes[..StreamingAesGcm.NonceSize], sealedBytes.Slice(StreamingAesGcm.NonceSize, length), sealedBytes[^StreamingAesGcm.TagSize..], plaintext);
            return plaintext;
        }
        catch (AuthenticationTagMismatchException)
        {
            CryptographicOperations.ZeroMemory(plaintext);
            return null;
        }
    }

    private static async Task EncryptCbcAsync(Stream input, Stream output, byte[] key, CancellationToken cancellationToken)
    {
        using var aes = Aes.Create();
        aes.Key = key;
        var iv = RandomNumberGenerator.GetBytes(BlockSize);
        await output.WriteAsync(iv, cancellationToken).ConfigureAwait(false);
        // PKCS#7 padding is one of the paddings XML Encryption's block cipher padding allows.
        aes.Padding = PaddingMode.PKCS7;
        using var encryptor = aes.CreateEncryptor(key, iv);
        await using var crypto = new CryptoStream(output, encryptor, CryptoStreamMode.Write, leaveOpen: true);
        await input.CopyToAsync(crypto, ChunkSize, cancellationToken).ConfigureAwait(false);
        await crypto.FlushFinalBlockAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Returns "" on success or the reason the ciphertext is unusable.</summary>
    private static async Task<string> DecryptCbcAsync(Stream input, Stream output, byte[] key, CancellationToken cancellationToken)
    {
        var iv = new byte[BlockSize];
        if (await input.ReadAtLeastAsync(iv, BlockSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < BlockSize)
        {
            return "The attachment is shorter than an AES-CBC IV.";
        }
        using var aes = Aes.Create();
        aes.Key = key;
        aes.Mode = CipherMode.CBC;
        aes.Padding = PaddingMode.None;
        using var decryptor = aes.CreateDecryptor(key, iv);
        // Hold back the last block: its padding says how much of it is data.
        var buffer = new byte[ChunkSize + (2 * BlockSize)];
        var plain = new byte[buffer.Length];
        var held = 0;
        int read;
        while ((read = await input.ReadAsync(buffer.AsMemory(held, ChunkSize), cancellationToken).ConfigureAwait(false)) > 0)
        {
            var total = held + read;
            var processable = (total - 1) / BlockSize * BlockSize;
            if (processable == 0)
            {
                held = total;
                continue;
            }
            var written = decryptor.TransformBlock(buffer, 0, processable, plain, 0);
            await output.WriteAsync(plain.AsMemory(0, written), cancellationToken).ConfigureAwait(false);
            held = total - processable;
            buffer.AsSpan(processable, held).CopyTo(buffer);
        }
        if (held != BlockSize)
        {
            return "The AES-CBC ciphertext is not a whole number of blocks.";
        }
        var last = decryptor.TransformFinalBlock(buffer, 0, BlockSize);
        var padding = last[^1];
        if (padding is < 1 or > BlockSize)
        {
            return "The AES-CBC padding is invalid: the attachment or key was altered.";
        }
        await output.WriteAsync(last.AsMemory(0, BlockSize - padding), cancellationToken).ConfigureAwait(false);
        return "";
    }

    /// <summary>Where output goes: a memory buffer for small payloads, a temporary file for large ones.</summary>
    private sealed class OutputSink
    {
        private readonly MemoryStream? _memory;
        private readonly TempFilePayloadContent? _file;

        private OutputSink(MemoryStream? memory, TempFilePayloadContent? file, Stream stream)
        {
            _memory = memory;
            _file = file;
            Stream = stream;
        }

        public Stream Stream { get; }

        public static OutputSink Create(long expectedLength)
        {
            if (expectedLength <= PayloadContent.InMemoryLimit)
            {
                var memory = new MemoryStream((int)Math.Max(expectedLength, 0));
                return new OutputSink(memory, null, memory);
            }
            var file = PayloadContent.CreateTemporaryFile();
            try
            {
                return new OutputSink(null, file, file.OpenWrite());
            }
            catch
            {
                file.Dispose();
                throw;
            }
        }

        public async Task<PayloadContent> CompleteAsync()
        {
            if (_memory is not null)
            {
                return PayloadContent.FromBytes(_memory.GetBuffer().AsMemory(0, (int)_memory.Length));
            }
            await Stream.DisposeAsync().ConfigureAwait(false);
            return _file!;
        }

        public async Task AbandonAsync()
        {
            if (_memory is not null)
            {
                CryptographicOperations.ZeroMemory(_memory.GetBuffer());
                return;
            }
            await Stream.DisposeAsync().ConfigureAwait(false);
            _file!.Dispose();
        }
    }
}
