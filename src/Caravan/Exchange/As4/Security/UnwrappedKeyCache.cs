using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Caravan.Exchange.As4.Crypto;

namespace Caravan.Exchange.As4.Security;

/// <summary>
/// The recipient's side of <see cref="ContentKeyReuse"/>: keys this node has unwrapped, by a SHA-256 of the wrapped
/// key bytes and the OAEP parameters, per decryption certificate. RSA-OAEP decryption is a function of those, so a hit
/// gives exactly what the private-key operation would; an entry is added only after the key opened every attachment
/// of its message (authenticated by their GCM tags), and it leaves after 15 minutes, or earlier as the oldest when
/// 512 are held.
/// </summary>
internal static class UnwrappedKeyCache
{
    private const int Capacity = 512;

    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    private static readonly ConditionalWeakTable<X509Certificate2, Dictionary<string, Entry>> ByCertificate = new();

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
            if (!entries.TryGetValue(id, out var entry))
            {
                return null;
            }
            if (Expired(entry))
            {
                Remove(entries, id);
                return null;
            }
            return (byte[])entry.Key.Clone();
        }
    }

    public static void Add(X509Certificate2 certificate, byte[] fingerprint, byte[] key)
    {
        var entries = ByCertificate.GetValue(certificate, static _ => new Dictionary<string, Entry>(StringComparer.Ordinal));
        var id = Convert.ToHexString(fingerprint);
        lock (entries)
        {
            if (entries.ContainsKey(id))
            {
                return;
            }
            if (entries.Count >= Capacity)
            {
                // Full (hundreds of keys in a quarter of an hour): the expired go, then the oldest if none had.
                foreach (var expired in entries.Where(e => Expired(e.Value)).Select(e => e.Key).ToList())
                {
                    Remove(entries, expired);
                }
                if (entries.Count >= Capacity)
                {
                    Remove(entries, entries.MinBy(e => e.Value.Added).Key);
                }
            }
            entries[id] = new Entry((byte[])key.Clone(), Stopwatch.GetTimestamp());
        }
    }

    private static bool Expired(Entry entry) => Stopwatch.GetElapsedTime(entry.Added) >= Lifetime;

    private static void Remove(Dictionary<string, Entry> entries, string id)
    {
        if (entries.Remove(id, out var entry))
        {
            CryptographicOperations.ZeroMemory(entry.Key);
        }
    }

    private sealed record Entry(byte[] Key, long Added);
}
