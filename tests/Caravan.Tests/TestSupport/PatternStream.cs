using System.Security.Cryptography;

namespace Caravan.Tests.TestSupport;

/// <summary>
/// A forward-only stream of <c>length</c> deterministic pseudo-random bytes generated on the fly (no backing
/// buffer), for large-payload tests that must not allocate the payload themselves.
/// </summary>
public sealed class PatternStream(long length, int seed = 1) : Stream
{
    private readonly long _length = length;
    private long _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    /// <summary>The byte at <paramref name="index"/> of a pattern stream with <paramref name="seed"/>.</summary>
    public static byte ByteAt(long index, int seed) => (byte)((index * 2654435761L + (index >> 11) + seed) >> 3);

    /// <summary>SHA-256 of the whole pattern, computed in small chunks.</summary>
    public static byte[] Sha256(long length, int seed = 1)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var buffer = new byte[65536];
        for (long offset = 0; offset < length; offset += buffer.Length)
        {
            var count = (int)Math.Min(buffer.Length, length - offset);
            for (var i = 0; i < count; i++)
            {
                buffer[i] = ByteAt(offset + i, seed);
            }
            hash.AppendData(buffer, 0, count);
        }
        return hash.GetHashAndReset();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var count = (int)Math.Min(buffer.Length, _length - _position);
        for (var i = 0; i < count; i++)
        {
            buffer[i] = ByteAt(_position + i, seed);
        }
        _position += count;
        return count;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
