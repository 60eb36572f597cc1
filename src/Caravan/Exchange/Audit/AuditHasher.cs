using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Caravan.Storage;

namespace Caravan.Exchange.Audit;

/// <summary>
/// The canonical encoding hashed for each audit entry: a version tag, then seq (int64 big-endian), at (µs since the
/// Unix epoch, int64 big-endian), actor, kind, message id, subject and details (each a presence byte, then an int32
/// big-endian UTF-8 length and the bytes), then the 32-byte previous hash. Length prefixes make the encoding
/// unambiguous: no two different entries encode to the same bytes.
/// </summary>
internal static class AuditHasher
{
    public const int HashSize = 32;

    public static byte[] ZeroHash() => new byte[HashSize];

    /// <summary>The version tag that starts every encoding.</summary>
    public static ReadOnlySpan<byte> VersionTag => "caravan-audit-v1\n"u8;

    public static byte[] Compute(long seq, DateTimeOffset at, string actor, string kind, string? messageId, string? subject, string? details, ReadOnlySpan<byte> prevHash) =>
        Compute(seq, EncodeBody(at, actor, kind, messageId, subject, details), prevHash);

    /// <summary>SHA-256 of tag ‖ seq ‖ body ‖ prevHash, where body comes from <see cref="EncodeBody"/>.</summary>
    public static byte[] Compute(long seq, ReadOnlySpan<byte> body, ReadOnlySpan<byte> prevHash)
    {
        if (prevHash.Length != HashSize)
        {
            throw new ArgumentException("The previous hash must be 32 bytes.", nameof(prevHash));
        }
        var buffer = new ArrayBufferWriter<byte>(VersionTag.Length + 8 + body.Length + HashSize);
        buffer.Write(VersionTag);
        WriteInt64(buffer, seq);
        buffer.Write(body);
        buffer.Write(prevHash);
        return SHA256.HashData(buffer.WrittenSpan);
    }

    /// <summary>The entry's own fields (everything but seq and the previous hash), encoded canonically.</summary>
    public static byte[] EncodeBody(DateTimeOffset at, string actor, string kind, string? messageId, string? subject, string? details)
    {
        var buffer = new ArrayBufferWriter<byte>(128);
        WriteInt64(buffer, (SqlDialect.Truncate(at).UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / 10);
        WriteString(buffer, actor);
        WriteString(buffer, kind);
        WriteString(buffer, messageId);
        WriteString(buffer, subject);
        WriteString(buffer, details);
        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteInt64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64BigEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    private static void WriteString(ArrayBufferWriter<byte> buffer, string? value)
    {
        if (value is null)
        {
            buffer.GetSpan(1)[0] = 0;
            buffer.Advance(1);
            return;
        }
        buffer.GetSpan(1)[0] = 1;
        buffer.Advance(1);
        var length = Encoding.UTF8.GetByteCount(value);
        BinaryPrimitives.WriteInt32BigEndian(buffer.GetSpan(4), length);
        buffer.Advance(4);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(length);
    }
}
