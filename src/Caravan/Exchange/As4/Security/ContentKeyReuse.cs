namespace Caravan.Exchange.As4.Security;

/// <summary>
/// How long a sender keeps one content-encryption key (and its RSA-OAEP wrapping) for messages to one recipient
/// certificate. Unwrapping the key is the recipient's costliest step (an RSA private-key operation, about 0.45 ms of a
/// 2.3 GHz core for RSA-2048, more than all of a 4 KB message's XML work); a recipient that has unwrapped the same
/// <c>xenc:EncryptedKey</c> before takes the key from its cache (<see cref="UnwrappedKeyCache"/>) instead. This is
/// what WS-SecureConversation's security contexts do for WS-* traffic, without the extra handshake, and any other AS4
/// stack simply unwraps the key again.
/// <para>
/// Every message still has its own random 96-bit GCM nonce per attachment, so the limits are far inside AES-GCM's
/// bound of 2^32 random-nonce encryptions per key: they only bound how much traffic one key protects (a key that
/// leaked from memory would open at most <see cref="MaxMessages"/> messages, or <see cref="MaxAge"/> of them).
/// </para>
/// </summary>
/// <param name="MaxMessages">Messages encrypted under one key before a fresh one is drawn; 1 draws a key for every message.</param>
/// <param name="MaxAge">How long a key is used at most, however few messages it has protected.</param>
public sealed record ContentKeyReuse(int MaxMessages, TimeSpan MaxAge)
{
    /// <summary>A fresh key for every message, as before keys were reused.</summary>
    public static ContentKeyReuse None { get; } = new(1, TimeSpan.Zero);

    /// <summary>1,000 messages or 10 minutes, whichever comes first.</summary>
    public static ContentKeyReuse Default { get; } = new(1000, TimeSpan.FromMinutes(10));

    public bool Enabled => MaxMessages > 1 && MaxAge > TimeSpan.Zero;
}
