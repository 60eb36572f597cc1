using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Caravan.Exchange.As4;
using Caravan.Exchange.As4.Security;

namespace Caravan.Tests.Exchange.As4.Security;

/// <summary>
/// A sender may reuse a content-encryption key (and its RSA-OAEP wrapping) for one recipient within limits, and a
/// recipient takes a key it has unwrapped before from its cache. Each test has its own certificates, since both
/// sides keep their state per certificate.
/// </summary>
public sealed class ContentKeyReuseTests
{
    private static readonly byte[] Payload = RandomNumberGenerator.GetBytes(4022);

    [Fact]
    public async Task WithinTheLimit_MessagesShareTheWrappedKey_ThenAFreshKeyIsDrawn()
    {
        using var recipient = CreateRecipient();
        var reuse = new ContentKeyReuse(2, TimeSpan.FromMinutes(10));

        var first = await EncryptAsync(recipient, reuse);
        var second = await EncryptAsync(recipient, reuse);
        var third = await EncryptAsync(recipient, reuse);

        Assert.Equal(WrappedKey(first.Envelope), WrappedKey(second.Envelope));
        Assert.NotEqual(WrappedKey(second.Envelope), WrappedKey(third.Envelope));
        // Each message still has its own GCM nonce: the ciphertexts of one plaintext under one key differ.
        Assert.NotEqual(await Bytes(first.Attachments[0]), await Bytes(second.Attachments[0]));
    }

    [Fact]
    public async Task WithoutReuse_EveryMessageHasItsOwnKey()
    {
        using var recipient = CreateRecipient();

        var first = await EncryptAsync(recipient, ContentKeyReuse.None);
        var second = await EncryptAsync(recipient, ContentKeyReuse.None);

        Assert.NotEqual(WrappedKey(first.Envelope), WrappedKey(second.Envelope));
    }

    [Fact]
    public async Task ExpiredKey_IsReplaced()
    {
        using var recipient = CreateRecipient();
        var reuse = new ContentKeyReuse(1000, TimeSpan.FromMilliseconds(1));

        var first = await EncryptAsync(recipient, reuse);
        await Task.Delay(20);
        var second = await EncryptAsync(recipient, reuse);

        Assert.NotEqual(WrappedKey(first.Envelope), WrappedKey(second.Envelope));
    }

    [Fact]
    public async Task DifferentRecipients_NeverShareAKey()
    {
        using var one = CreateRecipient();
        using var two = CreateRecipient();

        var toOne = await EncryptAsync(one, ContentKeyReuse.Default);
        var toTwo = await EncryptAsync(two, ContentKeyReuse.Default);

        Assert.NotEqual(WrappedKey(toOne.Envelope), WrappedKey(toTwo.Envelope));
        var misdirected = await WsEncryption.DecryptAsync(toTwo.Envelope, toTwo.Attachments, one, CancellationToken.None);
        Assert.False(misdirected.Succeeded);
    }

    [Fact]
    public async Task Recipient_RemembersAKeyOnlyAfterItOpenedTheMessage_AndDecryptsLaterOnesFromTheCache()
    {
        using var recipient = CreateRecipient();
        var reuse = ContentKeyReuse.Default;
        var tampered = await EncryptAsync(recipient, reuse);
        var good = await EncryptAsync(recipient, reuse);
        var later = await EncryptAsync(recipient, reuse);
        var fingerprint = UnwrappedKeyCache.Fingerprint(WrappedKey(good.Envelope), Caravan.Exchange.As4.Crypto.RsaOaepParameters.Sha256);
        await Corrupt(tampered.Attachments[0]);

        var refused = await WsEncryption.DecryptAsync(tampered.Envelope, tampered.Attachments, recipient, CancellationToken.None);
        Assert.Equal(DecryptionFailureReason.AuthenticationTagMismatch, refused.FailureReason);
        Assert.Null(UnwrappedKeyCache.TryGet(recipient, fingerprint));

        var opened = await WsEncryption.DecryptAsync(good.Envelope, good.Attachments, recipient, CancellationToken.None);
        Assert.True(opened.Succeeded, opened.ToString());
        Assert.Equal(Payload, await Bytes(good.Attachments[0]));
        Assert.NotNull(UnwrappedKeyCache.TryGet(recipient, fingerprint));

        var fromCache = await WsEncryption.DecryptAsync(later.Envelope, later.Attachments, recipient, CancellationToken.None);
        Assert.True(fromCache.Succeeded, fromCache.ToString());
        Assert.Equal(Payload, await Bytes(later.Attachments[0]));
    }

    [Fact]
    public async Task CachedKey_StillRefusesAnAlteredAttachment()
    {
        using var recipient = CreateRecipient();
        var first = await EncryptAsync(recipient, ContentKeyReuse.Default);
        var second = await EncryptAsync(recipient, ContentKeyReuse.Default);
        Assert.True((await WsEncryption.DecryptAsync(first.Envelope, first.Attachments, recipient, CancellationToken.None)).Succeeded);
        await Corrupt(second.Attachments[0]);
        var before = await Bytes(second.Attachments[0]);

        var result = await WsEncryption.DecryptAsync(second.Envelope, second.Attachments, recipient, CancellationToken.None);

        Assert.Equal(DecryptionFailureReason.AuthenticationTagMismatch, result.FailureReason);
        Assert.Equal(before, await Bytes(second.Attachments[0]));
        Assert.True(WsEncryption.IsEncrypted(second.Envelope));
    }

    [Fact]
    public void RecipientCache_WhenFull_DropsTheOldestKey()
    {
        using var recipient = CreateRecipient();
        var fingerprints = Enumerable.Range(0, 513).Select(i => SHA256.HashData(BitConverter.GetBytes(i))).ToList();

        foreach (var fingerprint in fingerprints)
        {
            UnwrappedKeyCache.Add(recipient, fingerprint, fingerprint[..16]);
        }

        Assert.Null(UnwrappedKeyCache.TryGet(recipient, fingerprints[0]));
        Assert.Equal(fingerprints[1][..16], UnwrappedKeyCache.TryGet(recipient, fingerprints[1]));
        Assert.Equal(fingerprints[512][..16], UnwrappedKeyCache.TryGet(recipient, fingerprints[512]));
    }

    private static async Task<(XmlDocument Envelope, List<As4Attachment> Attachments)> EncryptAsync(X509Certificate2 recipient, ContentKeyReuse reuse)
    {
        var (envelope, attachments) = WsEncryptionTests.CreateMessage(("p@x", "application/xml", Payload));
        await WsEncryption.EncryptAsync(envelope, attachments, recipient, reuse, CancellationToken.None);
        return (envelope, attachments);
    }

    private static byte[] WrappedKey(XmlDocument envelope)
    {
        var manager = new XmlNamespaceManager(envelope.NameTable);
        manager.AddNamespace("xenc", "http://www.w3.org/2001/04/xmlenc#");
        return Convert.FromBase64String(envelope.SelectSingleNode("//xenc:EncryptedKey/xenc:CipherData/xenc:CipherValue", manager)!.InnerText);
    }

    private static async Task<byte[]> Bytes(As4Attachment attachment) => await attachment.Content.ReadAllBytesAsync(CancellationToken.None);

    private static async Task Corrupt(As4Attachment attachment)
    {
        var bytes = await Bytes(attachment);
        bytes[100] ^= 0x01;
        attachment.ReplaceContent(PayloadContent.FromBytes(bytes));
    }

    private static X509Certificate2 CreateRecipient()
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=Caravan Key Reuse Test, O=Caravan, C=EU", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var notBefore = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return request.CreateSelfSigned(notBefore, notBefore.AddYears(20));
    }
}
