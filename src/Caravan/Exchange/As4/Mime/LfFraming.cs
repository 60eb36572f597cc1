namespace Caravan.Exchange.As4.Mime;

/// <summary>
/// Tolerance for multipart bodies framed with bare LF instead of CRLF (hand-edited test vectors of other stacks):
/// when the first line ends in a bare LF, every bare LF in the body is turned into CRLF. Bodies framed with CRLF
/// pass through untouched.
/// </summary>
internal static class LfFraming
{
    public static async Task<Stream> NormalizeAsync(Stream body, CancellationToken cancellationToken)
    {
        var head = new byte[1024];
        var length = await body.ReadAtLeastAsync(head, head.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
        var start = 0;
        if (length >= 3 && head[0] == 0xEF && head[1] == 0xBB && head[2] == 0xBF)
        {
            start = 3;
        }
        var prefix = new ReadOnlyMemory<byte>(head, start, length - start);
        var firstBoundaryLine = IndexOfBoundaryLineEnd(prefix.Span);
        var lfOnly = firstBoundaryLine > 0 && prefix.Span[firstBoundaryLine - 1] != (byte)'\r';
        return new PrefixedStream(prefix, body, lfOnly);
    }

    private static int IndexOfBoundaryLineEnd(ReadOnlySpan<byte> span)
    {
        var i = 0;
        while (i < span.Length && (span[i] == (byte)'\r' || span[i] == (byte)'\n'))
        {
            i++;
        }
        if (i + 1 >= span.Length || span[i] != (byte)'-' || span[i + 1] != (byte)'-')
        {
            return -1;
        }
        var end = span[i..].IndexOf((byte)'\n');
        return end < 0 ? -1 : i + end;
    }

    private sealed class PrefixedStream(ReadOnlyMemory<byte> prefix, Stream inner, bool convertLf) : Stream
    {
        private ReadOnlyMemory<byte> _prefix = prefix;
        private byte _previous;
        private bool _pendingLf;

        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Flush()
        {
        }

        public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (buffer.Length == 0)
            {
                return 0;
            }
            if (!convertLf)
            {
                if (_prefix.Length > 0)
                {
                    var n = Math.Min(buffer.Length, _prefix.Length);
                    _prefix[..n].CopyTo(buffer);
                    _prefix = _prefix[n..];
                    return n;
                }
                return await inner.ReadAsync(buffer, cancellationToken).ConfigureAwait(false);
            }
            var written = 0;
            var span = buffer.Span;
            if (_pendingLf)
            {
                span[written++] = (byte)'\n';
                _previous = (byte)'\n';
                _pendingLf = false;
            }
            var source = new byte[Math.Max(1, (buffer.Length - written) / 2)];
            int read;
            if (_prefix.Length > 0)
            {
                read = Math.Min(source.Length, _prefix.Length);
                _prefix[..read].CopyTo(source);
                _prefix = _prefix[read..];
            }
            else
            {
                read = written < buffer.Length ? await inner.ReadAsync(source, cancellationToken).ConfigureAwait(false) : 0;
            }
            span = buffer.Span;
            for (var i = 0; i < read; i++)
            {
                var b = source[i];
                if (b == (byte)'\n' && _previous != (byte)'\r')
                {
                    span[written++] = (byte)'\r';
                    if (written == span.Length)
                    {
                        _pendingLf = true;
                        _previous = (byte)'\r';
                        continue;
                    }
                }
                span[written++] = b;
                _previous = b;
            }
            return written;
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
