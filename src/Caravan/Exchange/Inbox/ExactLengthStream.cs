namespace Caravan.Exchange.Inbox;

/// <summary>
/// Reads exactly <c>length</c> bytes from an inner stream (without disposing it) and fails if the inner stream ends
/// sooner, so that a truncated upload can never be stored as a complete payload. It reports <see cref="CanSeek"/>
/// (with a known <see cref="Length"/> and <see cref="Position"/>, but only no-op seeks) because Npgsql streams a
/// seekable bytea parameter in chunks and would otherwise buffer the whole value in a MemoryStream first.
/// </summary>
internal sealed class ExactLengthStream(Stream inner, long length) : Stream
{
    private readonly long _length = length;
    private long _remaining = length;

    public override bool CanRead => true;

    public override bool CanSeek => true;

    public override bool CanWrite => false;

    public override long Length => _length;

    public override long Position
    {
        get => _length - _remaining;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_remaining == 0 || buffer.IsEmpty)
        {
            return 0;
        }
        var read = inner.Read(buffer[..(int)Math.Min(buffer.Length, _remaining)]);
        return Account(read);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_remaining == 0 || buffer.IsEmpty)
        {
            return 0;
        }
        var read = await inner.ReadAsync(buffer[..(int)Math.Min(buffer.Length, _remaining)], cancellationToken).ConfigureAwait(false);
        return Account(read);
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => Position + offset,
            SeekOrigin.End => _length + offset,
            _ => throw new ArgumentOutOfRangeException(nameof(origin)),
        };
        return target == Position ? target : throw new NotSupportedException("The payload stream is forward-only.");
    }

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Account(int read)
    {
        if (read == 0)
        {
            throw new EndOfStreamException($"The payload stream ended after {_length - _remaining} of the {_length} bytes announced.");
        }
        _remaining -= read;
        return read;
    }
}
