using System.Buffers;
using System.Buffers.Binary;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Security.Cryptography;

namespace Caravan.Exchange.As4.Crypto;

/// <summary>
/// AES-GCM (NIST SP 800-38D) with a 96-bit nonce and a 128-bit tag, processed incrementally so that
/// payloads of any size pass through a bounded buffer. Produces exactly what
/// <see cref="AesGcm"/> produces for the same key, nonce and data (no associated data). A decryptor's
/// output is unauthenticated until <see cref="VerifyTag"/> returns true: callers must hold it back
/// (e.g. in a temporary file) and discard it on failure.
/// </summary>
public sealed class StreamingAesGcm : IDisposable
{
    public const int NonceSize = 12;
    public const int TagSize = 16;

    /// <summary>Counter blocks encrypted per call to the AES primitive (64 KiB of keystream).</summary>
    private const int MaxKeystreamBlocks = 4096;

    private readonly Aes _aes;
    private readonly GHash _ghash;
    private readonly bool _encrypting;
    private readonly byte[] _tagMask = new byte[16];
    private readonly byte[] _nonce;
    private byte[] _counters = [];
    private byte[] _keystream = [];
    private readonly byte[] _partial = new byte[16];
    private int _partialLength;
    private int _keystreamPosition;
    private int _keystreamLength;
    private uint _nextCounter = 2;
    private ulong _totalBytes;
    private bool _finished;

    private StreamingAesGcm(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, bool encrypting, bool allowHardwareGhash)
    {
        if (key.Length is not (16 or 24 or 32))
        {
            throw new ArgumentException("AES keys are 16, 24 or 32 bytes.", nameof(key));
        }
        if (nonce.Length != NonceSize)
        {
            throw new ArgumentException("The GCM nonce must be 12 bytes.", nameof(nonce));
        }
        _encrypting = encrypting;
        _aes = Aes.Create();
        _aes.Key = key.ToArray();

        Span<byte> block = stackalloc byte[16];
        block.Clear();
        Span<byte> hashSubkey = stackalloc byte[16];
        _aes.EncryptEcb(block, hashSubkey, PaddingMode.None);
        _ghash = new GHash(hashSubkey, allowHardwareGhash);

        // J0 = nonce || 0^31 || 1; E(K, J0) masks the tag; data counters start at inc32(J0).
        nonce.CopyTo(block);
        BinaryPrimitives.WriteUInt32BigEndian(block[12..], 1);
        _aes.EncryptEcb(block, _tagMask, PaddingMode.None);

        // Counter and keystream buffers grow with the data (a 4 KB payload needs 4 KB, not 64 KB).
        _nonce = nonce.ToArray();
        CryptographicOperations.ZeroMemory(hashSubkey);
    }

    public static StreamingAesGcm CreateEncryptor(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce) =>
        new(key, nonce, encrypting: true, allowHardwareGhash: true);

    public static StreamingAesGcm CreateDecryptor(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce) =>
        new(key, nonce, encrypting: false, allowHardwareGhash: true);

    /// <summary>For tests: the same cipher with GHASH forced onto the portable path.</summary>
    internal static StreamingAesGcm CreatePortable(ReadOnlySpan<byte> key, ReadOnlySpan<byte> nonce, bool encrypting) =>
        new(key, nonce, encrypting, allowHardwareGhash: false);

    /// <summary>
    /// Encrypts or decrypts <paramref name="input"/> into the first <c>input.Length</c> bytes of
    /// <paramref name="output"/>. Input and output may be the same span, but must not otherwise overlap.
    /// </summary>
    public void Update(ReadOnlySpan<byte> input, Span<byte> output)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (output.Length < input.Length)
        {
            throw new ArgumentException("The output is shorter than the input.", nameof(output));
        }
        _totalBytes += (ulong)input.Length;
        // SP 800-38D limit: 2^32 - 2 blocks of data per nonce.
        if (_totalBytes > ((1UL << 32) - 2) * 16)
        {
            throw new CryptographicException("GCM cannot process more than 64 GiB under one nonce.");
        }
        while (!input.IsEmpty)
        {
            if (_keystreamPosition == _keystreamLength)
            {
                RefillKeystream(input.Length);
            }
            var count = Math.Min(input.Length, _keystreamLength - _keystreamPosition);
            var keystream = _keystream.AsSpan(_keystreamPosition, count);
            if (_encrypting)
            {
                Xor(input[..count], keystream, output);
                Absorb(output[..count]);
            }
            else
            {
                Absorb(input[..count]);
                Xor(input[..count], keystream, output);
            }
            _keystreamPosition += count;
            input = input[count..];
            output = output[count..];
        }
    }

    /// <summary>Finishes an encryption and writes the 16-byte authentication tag.</summary>
    public void GetTag(Span<byte> tag)
    {
        if (!_encrypting)
        {
            throw new InvalidOperationException("A decryptor verifies the tag; it does not produce one.");
        }
        ComputeTag(tag);
    }

    /// <summary>Finishes a decryption; true when <paramref name="expectedTag"/> authenticates everything processed.</summary>
    public bool VerifyTag(ReadOnlySpan<byte> expectedTag)
    {
        if (_encrypting)
        {
            throw new InvalidOperationException("An encryptor produces the tag; it does not verify one.");
        }
        Span<byte> actual = stackalloc byte[TagSize];
        ComputeTag(actual);
        return expectedTag.Length == TagSize && CryptographicOperations.FixedTimeEquals(actual, expectedTag);
    }

    /// <summary>
    /// Encrypts <paramref name="plaintext"/> to <paramref name="output"/> as the XML Encryption 1.1 AES-GCM
    /// octets: a fresh random 12-byte nonce, the ciphertext, then the 16-byte tag.
    /// </summary>
    public static async Task EncryptAsync(Stream plaintext, Stream output, ReadOnlyMemory<byte> key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plaintext);
        ArgumentNullException.ThrowIfNull(output);
        var nonce = RandomNumberGenerator.GetBytes(NonceSize);
        using var gcm = CreateEncryptor(key.Span, nonce);
        await output.WriteAsync(nonce, cancellationToken).ConfigureAwait(false);
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSizeFor(plaintext, 0));
        try
        {
            int read;
            while ((read = await plaintext.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                gcm.Update(buffer.AsSpan(0, read), buffer);
                await output.WriteAsync(buffer.AsMemory(0, read), cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
        var tag = new byte[TagSize];
        gcm.GetTag(tag);
        await output.WriteAsync(tag, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Decrypts nonce || ciphertext || tag from <paramref name="input"/> into <paramref name="plaintextOutput"/>.
    /// Returns false when the input is too short or the tag does not match; the output written so far is
    /// then unauthenticated and must be discarded.
    /// </summary>
    public static async Task<bool> DecryptAsync(Stream input, Stream plaintextOutput, ReadOnlyMemory<byte> key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        ArgumentNullException.ThrowIfNull(plaintextOutput);
        var nonce = new byte[NonceSize];
        if (await input.ReadAtLeastAsync(nonce, NonceSize, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false) < NonceSize)
        {
            return false;
        }
        using var gcm = CreateDecryptor(key.Span, nonce);
        // The last 16 bytes are the tag, known only at the end: always hold back 16 unprocessed bytes.
        var buffer = ArrayPool<byte>.Shared.Rent(BufferSizeFor(input, TagSize));
        try
        {
            var held = 0;
            int read;
            while ((read = await input.ReadAsync(buffer.AsMemory(held), cancellationToken).ConfigureAwait(false)) > 0)
            {
                var total = held + read;
                var processable = total - TagSize;
                if (processable <= 0)
                {
                    held = total;
                    continue;
                }
                gcm.Update(buffer.AsSpan(0, processable), buffer);
                await plaintextOutput.WriteAsync(buffer.AsMemory(0, processable), cancellationToken).ConfigureAwait(false);
                buffer.AsSpan(processable, TagSize).CopyTo(buffer);
                held = TagSize;
            }
            return held == TagSize && gcm.VerifyTag(buffer.AsSpan(0, TagSize));
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer, clearArray: true);
        }
    }

    /// <summary>A buffer for streaming <paramref name="stream"/>: its remaining length when known, at most 64 KiB of keystream.</summary>
    private static int BufferSizeFor(Stream stream, int extra)
    {
        var max = (MaxKeystreamBlocks * 16) + extra;
        return stream.CanSeek ? (int)Math.Clamp(stream.Length - stream.Position + extra, 64, max) : max;
    }

    public void Dispose()
    {
        _finished = true;
        CryptographicOperations.ZeroMemory(_keystream);
        CryptographicOperations.ZeroMemory(_tagMask);
        _aes.Dispose();
    }

    private void ComputeTag(Span<byte> tag)
    {
        ObjectDisposedException.ThrowIf(_finished, this);
        if (tag.Length < TagSize)
        {
            throw new ArgumentException("The tag is 16 bytes.", nameof(tag));
        }
        if (_partialLength > 0)
        {
            _partial.AsSpan(_partialLength).Clear();
            _ghash.Update(_partial);
            _partialLength = 0;
        }
        Span<byte> lengths = stackalloc byte[16];
        BinaryPrimitives.WriteUInt64BigEndian(lengths, 0);
        BinaryPrimitives.WriteUInt64BigEndian(lengths[8..], _totalBytes * 8);
        _ghash.Update(lengths);
        Span<byte> hash = stackalloc byte[16];
        _ghash.GetValue(hash);
        Xor(hash, _tagMask, tag);
        Dispose();
    }

    private void RefillKeystream(int wanted)
    {
        var blocks = Math.Clamp((wanted + 15) / 16, 1, MaxKeystreamBlocks);
        if (_counters.Length < blocks * 16)
        {
            var capacity = Math.Min(MaxKeystreamBlocks, (int)BitOperations.RoundUpToPowerOf2((uint)Math.Max(blocks, 64)));
            CryptographicOperations.ZeroMemory(_keystream);
            _counters = new byte[capacity * 16];
            _keystream = new byte[capacity * 16];
            for (var i = 0; i < capacity; i++)
            {
                _nonce.CopyTo(_counters.AsSpan(i * 16));
            }
        }
        var counters = _counters.AsSpan(0, blocks * 16);
        var counter = _nextCounter;
        for (var i = 0; i < blocks; i++)
        {
            BinaryPrimitives.WriteUInt32BigEndian(counters.Slice((i * 16) + 12, 4), counter);
            counter = unchecked(counter + 1);
        }
        _nextCounter = counter;
        _aes.EncryptEcb(counters, _keystream.AsSpan(0, blocks * 16), PaddingMode.None);
        _keystreamPosition = 0;
        _keystreamLength = blocks * 16;
    }

    /// <summary>Feeds ciphertext into GHASH, buffering a trailing partial block.</summary>
    private void Absorb(ReadOnlySpan<byte> ciphertext)
    {
        if (_partialLength > 0)
        {
            var take = Math.Min(16 - _partialLength, ciphertext.Length);
            ciphertext[..take].CopyTo(_partial.AsSpan(_partialLength));
            _partialLength += take;
            ciphertext = ciphertext[take..];
            if (_partialLength < 16)
            {
                return;
            }
            _ghash.Update(_partial);
            _partialLength = 0;
        }
        var whole = ciphertext.Length & ~15;
        if (whole > 0)
        {
            _ghash.Update(ciphertext[..whole]);
        }
        ciphertext[whole..].CopyTo(_partial);
        _partialLength = ciphertext.Length - whole;
    }

    private static void Xor(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Span<byte> destination)
    {
        var length = left.Length;
        ref var l = ref MemoryMarshal.GetReference(left);
        ref var r = ref MemoryMarshal.GetReference(right);
        ref var d = ref MemoryMarshal.GetReference(destination);
        nuint i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; (int)i <= length - 32; i += 32)
            {
                (Vector256.LoadUnsafe(ref l, i) ^ Vector256.LoadUnsafe(ref r, i)).StoreUnsafe(ref d, i);
            }
        }
        for (; (int)i <= length - 16; i += 16)
        {
            (Vector128.LoadUnsafe(ref l, i) ^ Vector128.LoadUnsafe(ref r, i)).StoreUnsafe(ref d, i);
        }
        for (; (int)i < length; i++)
        {
            destination[(int)i] = (byte)(left[(int)i] ^ right[(int)i]);
        }
    }
}
