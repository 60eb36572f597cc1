using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Caravan.Exchange.As4.Crypto;

namespace Caravan.Exchange.As4.Security;

/// <summary>
/// The sender's side of <see cref="ContentKeyReuse"/>: per recipient certificate (held weakly, like the partner's
/// pinned certificate it is) and encryption settings, the current content-encryption key and its RSA-OAEP wrapping,
/// handed out until the reuse limits are reached and then replaced by a fresh random key.
/// </summary>
internal static class ContentKeySessions
{
    private static readonly ConditionalWeakTable<X509Certificate2, Dictionary<EncryptionSettings, Session>> Sessions = new();

    /// <summary>
    /// A copy of the key to encrypt with (the caller zeroes it) and its wrapping for <paramref name="recipient"/>;
    /// <paramref name="wrap"/> runs only when a fresh key is drawn.
    /// </summary>
    public static (byte[] Key, byte[] WrappedKey) Lease(X509Certificate2 recipient, EncryptionSettings settings, ContentKeyReuse reuse, Func<byte[], byte[]> wrap)
    {
        if (!reuse.Enabled)
        {
            var fresh = RandomNumberGenerator.GetBytes(AttachmentCipher.KeySize(settings.Data));
            return (fresh, wrap(fresh));
        }
        var bySettings = Sessions.GetValue(recipient, static _ => []);
        lock (bySettings)
        {
            var now = Stopwatch.GetTimestamp();
            if (!bySettings.TryGetValue(settings, out var session) || session.Uses >= reuse.MaxMessages || Stopwatch.GetElapsedTime(session.Started, now) >= reuse.MaxAge)
            {
                if (session is not null)
                {
                    CryptographicOperations.ZeroMemory(session.Key);
                }
                var key = RandomNumberGenerator.GetBytes(AttachmentCipher.KeySize(settings.Data));
                session = new Session(key, wrap(key), now);
                bySettings[settings] = session;
            }
            session.Uses++;
            return ((byte[])session.Key.Clone(), session.WrappedKey);
        }
    }

    private sealed class Session(byte[] key, byte[] wrappedKey, long started)
    {
        public byte[] Key { get; } = key;

        public byte[] WrappedKey { get; } = wrappedKey;

        public long Started { get; } = started;

        public int Uses { get; set; }
    }
}

/// <summary>
/// The recipient's side of <see cref="ContentKeyReuse"/>: keys this node has unwrapped, by a SHA-256 of the wrapped
/// key bytes and the OAEP parameters, per decryption certificate. RSA-OAEP decryption is a function of those, so a hit
/// gives exactly what the private-key operation would; an entry is added only after the key opened every attachment
/// of its message (authenticated by their GCM tags), and it leaves after 15 minutes or when 512 newer ones push it out.
/// </summary>
internal static class UnwrappedKeyCache
{
    private const int Capacity = 512;

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private static readonly ConditionalWeakTable<X509Certificate2, Entries> ByCertificate = new();

    public static byte[] Fingerprint(byte[] wrappedKey, RsaOaepParameters parameters)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(wrappedKey);
        hash.AppendData(System.Text.Encoding.ASCII.GetBytes("|" + parameters.Digest.Name + "|" + parameters.MaskDigest.Name + "|"));
        hash.AppendData(parameters.Label);
        return hash.GetHashAndReset();
    }

    /// <summary>A copy of the cached key (the caller zeroes it), or null.</summary>
    public static byte[]? TryGet(X509Certificate2 certificate, byte[] fingerprint)
    {
        if (!ByCertificate.TryGetValue(certificate, out var entries))
        {
            return null;
        }
        var id = Convert.ToHexString(fingerprint);
        lock (entries)
        {
            if (!entries.Keys.TryGetValue(id, out var entry))
            {
                return null;
            }
            if (Stopwatch.GetElapsedTime(entry.Added) >= Lifetime)
            {
                Remove(entries, id);
                return null;
            }
            return (byte[])entry.Key.Clone();
        }
    }

    public static void Add(X509Certificate2 certificate, byte[] fingerprint, byte[] key)
    {
        var entries = ByCertificate.GetValue(certificate, static _ => new Entries());
        var id = Convert.ToHexString(fingerprint);
        lock (entries)
        {
            if (entries.Keys.ContainsKey(id))
            {
                return;
            }
            while (entries.Order.Count >= Capacity)
            {
                Remove(entries, entries.Order.Dequeue());
            }
            entries.Keys[id] = new Entry((byte[])key.Clone(), Stopwatch.GetTimestamp());
            entries.Order.Enqueue(id);
        }
    }

    private static void Remove(Entries entries, string id)
    {
        if (entries.Keys.Remove(id, out var entry))
        {
            CryptographicOperations.ZeroMemory(entry.Key);
        }
    }

    private sealed record Entry(byte[] Key, long Added);

    private sealed class Entries
    {
        public Dictionary<string, Entry> Keys { get; } = new(StringComparer.Ordinal);

        public Queue<string> Order { get; } = new();
    }
}
