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
            var fresh = NewKey(settings);
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
                var key = NewKey(settings);
                session = new Session(key, wrap(key), now);
                bySettings[settings] = session;
            }
            session.Uses++;
            return ((byte[])session.Key.Clone(), session.WrappedKey);
        }
    }

    private static byte[] NewKey(EncryptionSettings settings) => RandomNumberGenerator.GetBytes(AttachmentCipher.KeySize(settings.Data));

    private sealed class Session(byte[] key, byte[] wrappedKey, long started)
    {
        public byte[] Key { get; } = key;

        public byte[] WrappedKey { get; } = wrappedKey;

        public long Started { get; } = started;

        public int Uses { get; set; }
    }
}
