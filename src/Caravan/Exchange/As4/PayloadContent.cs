namespace Caravan.Exchange.As4;

/// <summary>
/// Bytes of one payload that can be read more than once (to digest, encrypt and write) without holding
/// them all in memory: small payloads live in an array, large ones in a temporary file.
/// </summary>
public abstract class PayloadContent : IDisposable
{
    /// <summary>Payloads above this size are spooled to a temporary file rather than kept in memory.</summary>
    public const int InMemoryLimit = 256 * 1024;

    /// <summary>The length in bytes.</summary>
    public abstract long Length { get; }

    /// <summary>Opens a fresh read-only stream over the content, positioned at its start.</summary>
    public abstract Stream OpenRead();

    /// <summary>The bytes, when the content is held in memory (small payloads); false for file-backed content.</summary>
    internal virtual bool TryGetMemory(out ReadOnlyMemory<byte> bytes)
    {
        bytes = default;
        return false;
    }

    public static PayloadContent FromBytes(ReadOnlyMemory<byte> bytes) => new MemoryPayloadContent(bytes);

    /// <summary>
    /// Copies <paramref name="source"/> into new content, in memory when small and in a temporary file
    /// (deleted on dispose) when larger than <see cref="InMemoryLimit"/>.
    /// </summary>
    public static async Task<PayloadContent> SpoolAsync(Stream source, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        // A pooled read buffer: a fresh 80 KB array per payload was most of what a 4 KB message allocated.
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            var memory = new MemoryStream();
            int read;
            while ((read = await source.ReadAsync(buffer, cancellationToken).ConfigureAwait(false)) > 0)
            {
                memory.Write(buffer, 0, read);
                if (memory.Length > InMemoryLimit)
                {
                    var file = TempFilePayloadContent.Create();
                    try
                    {
                        await using (var target = file.OpenWrite())
                        {
                            memory.Position = 0;
                            await memory.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
                            await source.CopyToAsync(target, cancellationToken).ConfigureAwait(false);
                        }
                        return file;
                    }
                    catch
                    {
                        file.Dispose();
                        throw;
                    }
                }
            }
            return new MemoryPayloadContent(memory.GetBuffer().AsMemory(0, (int)memory.Length));
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>Creates empty file-backed content to be filled through <see cref="TempFilePayloadContent.OpenWrite"/>.</summary>
    public static TempFilePayloadContent CreateTemporaryFile() => TempFilePayloadContent.Create();

    public async Task<byte[]> ReadAllBytesAsync(CancellationToken cancellationToken)
    {
        await using var stream = OpenRead();
        var result = new MemoryStream(checked((int)Length));
        await stream.CopyToAsync(result, cancellationToken).ConfigureAwait(false);
        return result.ToArray();
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    protected virtual void Dispose(bool disposing)
    {
    }
}

internal sealed class MemoryPayloadContent(ReadOnlyMemory<byte> bytes) : PayloadContent
{
    public override long Length => bytes.Length;

    internal override bool TryGetMemory(out ReadOnlyMemory<byte> memory)
    {
        memory = bytes;
        return true;
    }

    public override Stream OpenRead()
    {
        if (System.Runtime.InteropServices.MemoryMarshal.TryGetArray(bytes, out var segment) && segment.Array is not null)
        {
            return new MemoryStream(segment.Array, segment.Offset, segment.Count, writable: false);
        }
        return new MemoryStream(bytes.ToArray(), writable: false);
    }
}

/// <summary>Payload content in a temporary file that is deleted when the content is disposed.</summary>
public sealed class TempFilePayloadContent : PayloadContent
{
    private readonly string _path;

    private TempFilePayloadContent(string path) => _path = path;

    internal static TempFilePayloadContent Create()
    {
        var path = Path.Combine(Path.GetTempPath(), "caravan-payload-" + Guid.NewGuid().ToString("N"));
        using (File.Create(path))
        {
        }
        return new TempFilePayloadContent(path);
    }

    public override long Length => new FileInfo(_path).Length;

    public Stream OpenWrite() => new FileStream(_path, FileMode.Create, FileAccess.Write, FileShare.Read, 81920, FileOptions.Asynchronous);

    public override Stream OpenRead() => new FileStream(_path, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, FileOptions.Asynchronous | FileOptions.SequentialScan);

    protected override void Dispose(bool disposing)
    {
        try
        {
            File.Delete(_path);
        }
        catch (IOException)
        {
            // A reader still holds the file open; the temp folder is cleaned by the OS.
        }
        base.Dispose(disposing);
    }
}
