using System.Security.Cryptography;
using BenchmarkDotNet.Attributes;
using Caravan.Exchange.As4.Crypto;

namespace Caravan.Bench.Micro;

/// <summary>
/// AES-128-GCM over one payload, as AS4 payload encryption does it (a fresh key schedule per message):
/// Caravan's <see cref="StreamingAesGcm"/> (span and stream APIs) against the framework's one-shot
/// <see cref="AesGcm"/> (the baseline). <see cref="Bytes"/> is the payload size, so the MiB/s column is throughput.
/// </summary>
public class AesGcmBenchmarks
{
    private byte[] _key = null!;
    private byte[] _nonce = null!;
    private byte[] _plaintext = null!;
    private byte[] _ciphertext = null!;
    private byte[] _tag = null!;
    private byte[] _output = null!;
    private byte[] _sealed = null!;
    private MemoryStream _sealedOutput = null!;

    [Params(4 * 1024, 1024 * 1024)]
    public int Bytes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _key = RandomNumberGenerator.GetBytes(16);
        _nonce = RandomNumberGenerator.GetBytes(StreamingAesGcm.NonceSize);
        _plaintext = RandomNumberGenerator.GetBytes(Bytes);
        _ciphertext = new byte[Bytes];
        _tag = new byte[StreamingAesGcm.TagSize];
        _output = new byte[Bytes];
        using (var aes = new AesGcm(_key, StreamingAesGcm.TagSize))
        {
            aes.Encrypt(_nonce, _plaintext, _ciphertext, _tag);
        }
        _sealed = [.. _nonce, .. _ciphertext, .. _tag];
        _sealedOutput = new MemoryStream(Bytes + 64);

        if (!StreamingDecrypt() || !_output.AsSpan().SequenceEqual(_plaintext) || !FrameworkDecrypt())
        {
            throw new InvalidOperationException("Benchmark setup failed: the ciphers disagree.");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _sealedOutput.Dispose();

    [Benchmark(Baseline = true)]
    public byte[] FrameworkEncrypt()
    {
        using var aes = new AesGcm(_key, StreamingAesGcm.TagSize);
        aes.Encrypt(_nonce, _plaintext, _output, _tag);
        return _tag;
    }

    [Benchmark]
    public bool FrameworkDecrypt()
    {
        using var aes = new AesGcm(_key, StreamingAesGcm.TagSize);
        aes.Decrypt(_nonce, _ciphertext, _tag, _output);
        return true;
    }

    [Benchmark]
    public byte[] StreamingEncrypt()
    {
        using var gcm = StreamingAesGcm.CreateEncryptor(_key, _nonce);
        gcm.Update(_plaintext, _output);
        gcm.GetTag(_tag);
        return _tag;
    }

    [Benchmark]
    public bool StreamingDecrypt()
    {
        using var gcm = StreamingAesGcm.CreateDecryptor(_key, _nonce);
        gcm.Update(_ciphertext, _output);
        return gcm.VerifyTag(_tag);
    }

    /// <summary>The stream API as the AS4 payload path uses it: nonce, ciphertext and tag written to an output stream.</summary>
    [Benchmark]
    public async Task<long> StreamingEncryptAsync_Stream()
    {
        _sealedOutput.SetLength(0);
        using var input = new MemoryStream(_plaintext, writable: false);
        await StreamingAesGcm.EncryptAsync(input, _sealedOutput, _key, CancellationToken.None);
        return _sealedOutput.Length;
    }

    [Benchmark]
    public async Task<bool> StreamingDecryptAsync_Stream()
    {
        _sealedOutput.SetLength(0);
        using var input = new MemoryStream(_sealed, writable: false);
        return await StreamingAesGcm.DecryptAsync(input, _sealedOutput, _key, CancellationToken.None);
    }
}
