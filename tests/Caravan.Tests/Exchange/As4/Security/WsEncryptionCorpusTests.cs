using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using Caravan.Exchange.As4.Crypto;
using Caravan.Exchange.As4.Security;
using Caravan.Tests.TestSupport;
using Xunit.Abstractions;

namespace Caravan.Tests.Exchange.As4.Security;

/// <summary>Decrypts the AS4.NET (eessi-as4.net) test messages; see corpus/as4-eessi-as4net/NOTES.md for keys and passwords.</summary>
public sealed class WsEncryptionCorpusTests(ITestOutputHelper output)
{
    private const string Xenc = "http://www.w3.org/2001/04/xmlenc#";
    private const string Ds = "http://www.w3.org/2000/09/xmldsig#";

    private static X509Certificate2 AccessPointA => TestCertificates.FromCorpus("AccessPointA.pfx", "Pz4cZK4SULUwmraZa");

    private static X509Certificate2 AccessPointB => TestCertificates.FromCorpus("AccessPointB.pfx", "Pz4cZK4SULUwmraZb");

    private static X509Certificate2 PartyA => TestCertificates.FromCorpus("holodeck-partya-certificate.pfx", "secrets");

    private static X509Certificate2 PartyC => TestCertificates.FromCorpus("partyC.p12", "ExampleC");

    [Fact]
    public async Task Decrypt_EncryptedSignedIssuerSerialMessage_WithAccessPointB_RestoresSignedGzipPayloads()
    {
        var (envelope, attachments) = await TestMime.ReadAsync(Resource("as4-encrypted-signed-issuerserial.as4"));
        Assert.True(WsEncryption.IsEncrypted(envelope));

        var result = await WsEncryption.DecryptAsync(envelope, attachments, AccessPointB, CancellationToken.None);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(2, result.DecryptedContentIds.Count);
        Assert.False(WsEncryption.IsEncrypted(envelope));
        Assert.Single(envelope.GetElementsByTagName("Signature", Ds));
        var signedDigests = SignedAttachmentDigests(envelope);
        var kinds = new List<string>();
        foreach (var attachment in attachments)
        {
            Assert.Equal("application/gzip", attachment.ContentType);
            var bytes = await attachment.Content.ReadAllBytesAsync(CancellationToken.None);
            Assert.Equal([0x1F, 0x8B], bytes[..2]);
            // The signature (made over the compressed plaintext before encryption) covers exactly these bytes.
            Assert.Equal(signedDigests[attachment.ContentId], SHA256.HashData(bytes));
            kinds.Add(Describe(Gunzip(bytes)));
        }
        output.WriteLine("Decompressed payloads: " + string.Join(", ", kinds));
        Assert.Contains("jpeg", kinds);
        Assert.Contains("xml", kinds);
        attachments.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task Decrypt_EncryptedSignedIssuerSerialMessage_WithAccessPointA_IsNotForThisCertificate()
    {
        var (envelope, attachments) = await TestMime.ReadAsync(Resource("as4-encrypted-signed-issuerserial.as4"));

        var result = await WsEncryption.DecryptAsync(envelope, attachments, AccessPointA, CancellationToken.None);

        Assert.Equal(DecryptionFailureReason.KeyNotForThisCertificate, result.FailureReason);
        Assert.Contains("CN=AccessPointB", result.Detail, StringComparison.Ordinal);
        Assert.True(WsEncryption.IsEncrypted(envelope));
    }

    [Fact]
    public async Task Decrypt_EncryptedCompressedMessage_WithPartyC_PicksKeyByBinarySecurityTokenAndRestoresPayloads()
    {
        var (envelope, attachments) = await TestMime.ReadAsync(Resource("as4-encrypted-compressed-message.as4"));

        // xenc11#rsa-oaep with a SHA-256 digest and no MGF element: MGF1-SHA-1, which the platform padding cannot express.
        var result = await WsEncryption.DecryptAsync(envelope, attachments, [AccessPointA, AccessPointB, PartyA, PartyC], CancellationToken.None);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(["flower", "xmldoc"], result.DecryptedContentIds.Order(StringComparer.Ordinal));
        var flower = Gunzip(await attachments.Single(a => a.ContentId == "flower").Content.ReadAllBytesAsync(CancellationToken.None));
        var xml = Gunzip(await attachments.Single(a => a.ContentId == "xmldoc").Content.ReadAllBytesAsync(CancellationToken.None));
        output.WriteLine($"flower: {Describe(flower)} ({flower.Length} bytes); xmldoc: {Describe(xml)} ({xml.Length} bytes)");
        Assert.All(attachments, a => Assert.Equal("application/gzip", a.ContentType));
        Assert.Equal("xml", Describe(xml));
        new XmlDocument().LoadXml(Encoding.UTF8.GetString(xml).TrimStart('\uFEFF'));
        attachments.ForEach(a => a.Dispose());
    }

    [Theory]
    [InlineData("as4-encrypted-envelope.xml", "partyC.p12", "ExampleC")]
    [InlineData("as4-soap-signed-encrypted-message.xml", "holodeck-partya-certificate.pfx", "secrets")]
    public async Task Decrypt_EnvelopeWithoutItsAttachments_UnwrapsKeyThenReportsMissingAttachment(string file, string keyStore, string password)
    {
        var envelope = new XmlDocument { PreserveWhitespace = true };
        envelope.Load(Resource(file));

        var result = await WsEncryption.DecryptAsync(envelope, [], TestCertificates.FromCorpus(keyStore, password), CancellationToken.None);

        // MissingAttachment is only reached after the key was unwrapped and found to be 16 bytes for aes128-gcm.
        Assert.Equal(DecryptionFailureReason.MissingAttachment, result.FailureReason);
        var unwrapped = Unwrap(envelope.GetElementsByTagName("EncryptedKey", Xenc).OfType<XmlElement>().Single(), TestCertificates.FromCorpus(keyStore, password));
        Assert.Equal(16, unwrapped?.Length);
        output.WriteLine($"{file}: key unwrapped with {keyStore}; {result}");
    }

    [Fact]
    public async Task EncryptedKeyWithMgfSpec_ParsesAsOaepSha256WithMgf1Sha256_AndNoCorpusKeyUnwrapsIt()
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.Load(Resource("EncryptedKeyWithMGFSpec.txt"));
        var encryptedKey = document.DocumentElement!;

        var (parameters, problem) = WsEncryption.ParseKeyTransport(encryptedKey);

        Assert.NotNull(parameters);
        Assert.Equal("", problem);
        Assert.Equal(HashAlgorithmName.SHA256, parameters.Digest);
        Assert.Equal(HashAlgorithmName.SHA256, parameters.MaskDigest);
        var reference = RecipientReference.Parse(encryptedKey);
        Assert.Equal("#cert-e330bdeb-9ab2-4d54-97bd-599dd9a4f3b7", reference.UnresolvedReference);
        // The token it references is not in the file; none of the corpus key stores is the recipient.
        foreach (var (name, certificate) in new[] { ("AccessPointA", AccessPointA), ("AccessPointB", AccessPointB), ("PartyA", PartyA), ("PartyC", PartyC) })
        {
            Assert.Null(Unwrap(encryptedKey, certificate));
            output.WriteLine($"EncryptedKeyWithMGFSpec: {name} does not unwrap it");
        }
        var wrapped = new XmlDocument();
        wrapped.LoadXml("<S12:Envelope xmlns:S12=\"http://www.w3.org/2003/05/soap-envelope\"><S12:Header><wsse:Security xmlns:wsse=\"http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd\"/></S12:Header><S12:Body/></S12:Envelope>");
        wrapped.GetElementsByTagName("Security", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd")[0]!.AppendChild(wrapped.ImportNode(encryptedKey, deep: true));
        var result = await WsEncryption.DecryptAsync(wrapped, [], AccessPointB, CancellationToken.None);
        Assert.Equal(DecryptionFailureReason.KeyNotForThisCertificate, result.FailureReason);
    }

    private static byte[]? Unwrap(XmlElement encryptedKey, X509Certificate2 certificate)
    {
        var (parameters, _) = WsEncryption.ParseKeyTransport(encryptedKey);
        var cipherValue = Convert.FromBase64String(encryptedKey.GetElementsByTagName("CipherValue", Xenc)[0]!.InnerText.Trim());
        using var rsa = certificate.GetRSAPrivateKey()!;
        return RsaOaep.Decrypt(rsa, cipherValue, parameters!, out var key, out _) == RsaOaep.Outcome.Unwrapped ? key : null;
    }

    private static Dictionary<string, byte[]> SignedAttachmentDigests(XmlDocument envelope) =>
        envelope.GetElementsByTagName("Reference", Ds).OfType<XmlElement>()
            .Where(r => r.GetAttribute("URI").StartsWith("cid:", StringComparison.Ordinal))
            .ToDictionary(r => r.GetAttribute("URI")[4..], r => Convert.FromBase64String(r.GetElementsByTagName("DigestValue", Ds)[0]!.InnerText));

    private static byte[] Gunzip(byte[] compressed)
    {
        using var gzip = new GZipStream(new MemoryStream(compressed), CompressionMode.Decompress);
        var result = new MemoryStream();
        gzip.CopyTo(result);
        return result.ToArray();
    }

    private static string Describe(byte[] bytes)
    {
        if (bytes is [0xFF, 0xD8, ..])
        {
            return "jpeg";
        }
        var text = Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, 200))).TrimStart('\uFEFF', ' ', '\r', '\n');
        return text.StartsWith('<') ? "xml" : "other:" + Convert.ToHexString(bytes.AsSpan(0, Math.Min(bytes.Length, 8)));
    }

    private static string Resource(string name) => Corpus.Path("as4-eessi-as4net", "source", "Eu.EDelivery.AS4.UnitTests", "Resources", name);
}
