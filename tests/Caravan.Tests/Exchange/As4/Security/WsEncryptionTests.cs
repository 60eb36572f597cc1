using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using Caravan.Exchange.As4;
using Caravan.Exchange.As4.Crypto;
using Caravan.Exchange.As4.Security;

namespace Caravan.Tests.Exchange.As4.Security;

public sealed class WsEncryptionTests
{
    private const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    private const string Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    private const string Xenc = "http://www.w3.org/2001/04/xmlenc#";
    private const string Xenc11 = "http://www.w3.org/2009/xmlenc11#";
    private const string Ds = "http://www.w3.org/2000/09/xmldsig#";

    private static readonly byte[] SmallXml = Encoding.UTF8.GetBytes("<Invoice xmlns=\"urn:test\"><Id>42</Id></Invoice>");

    [Fact]
    public async Task EncryptThenDecrypt_RestoresContentAndContentType()
    {
        var large = RandomBytes(PayloadContent.InMemoryLimit + 12_345, seed: 1);
        var (envelope, attachments) = CreateMessage(("invoice@caravan", "application/xml", SmallXml), ("scan@caravan", "application/gzip", large));

        await WsEncryption.EncryptAsync(envelope, attachments, TestCertificates.PublicOnly(TestCertificates.Recipient), CancellationToken.None);

        Assert.True(WsEncryption.IsEncrypted(envelope));
        Assert.All(attachments, a => Assert.Equal("application/octet-stream", a.ContentType));
        Assert.Equal(SmallXml.Length + 28, attachments[0].Content.Length);
        Assert.IsType<TempFilePayloadContent>(attachments[1].Content);
        Assert.NotEqual(SmallXml, (await attachments[0].Content.ReadAllBytesAsync(CancellationToken.None))[12..^16]);

        var result = await WsEncryption.DecryptAsync(envelope, attachments, TestCertificates.Recipient, CancellationToken.None);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Null(result.FailureReason);
        Assert.Equal(["invoice@caravan", "scan@caravan"], result.DecryptedContentIds);
        Assert.Equal(SmallXml, await attachments[0].Content.ReadAllBytesAsync(CancellationToken.None));
        Assert.Equal(large, await attachments[1].Content.ReadAllBytesAsync(CancellationToken.None));
        Assert.Equal("application/xml", attachments[0].ContentType);
        Assert.Equal("application/gzip", attachments[1].ContentType);
        Assert.False(WsEncryption.IsEncrypted(envelope));
        attachments.ForEach(a => a.Dispose());
    }

    [Fact]
    public async Task Encrypt_WritesEDeliveryProfileElements()
    {
        var recipient = TestCertificates.Recipient;
        var (envelope, attachments) = CreateMessage(("a@x", "application/xml", SmallXml), ("b@x", "text/plain", [1, 2, 3]));

        await WsEncryption.EncryptAsync(envelope, attachments, recipient, CancellationToken.None);

        var security = Single(envelope.DocumentElement!, Soap12, "Header").GetElementsByTagName("Security", Wsse).OfType<XmlElement>().Single();
        Assert.Equal("true", security.GetAttribute("mustUnderstand", Soap12));
        var encryptedKey = Assert.Single(security.GetElementsByTagName("EncryptedKey", Xenc).OfType<XmlElement>());
        var method = Single(encryptedKey, Xenc, "EncryptionMethod");
        Assert.Equal("http://www.w3.org/2009/xmlenc11#rsa-oaep", method.GetAttribute("Algorithm"));
        Assert.Equal("http://www.w3.org/2001/04/xmlenc#sha256", Single(method, Ds, "DigestMethod").GetAttribute("Algorithm"));
        Assert.Equal("http://www.w3.org/2009/xmlenc11#mgf1sha256", Single(method, Xenc11, "MGF").GetAttribute("Algorithm"));
        var issuerSerial = Single(Single(Single(Single(encryptedKey, Ds, "KeyInfo"), Wsse, "SecurityTokenReference"), Ds, "X509Data"), Ds, "X509IssuerSerial");
        Assert.Equal(recipient.IssuerName.Name, Single(issuerSerial, Ds, "X509IssuerName").InnerText);
        Assert.Equal(
            new System.Numerics.BigInteger(Convert.FromHexString(recipient.SerialNumber), isUnsigned: false, isBigEndian: true).ToString(System.Globalization.CultureInfo.InvariantCulture),
            Single(issuerSerial, Ds, "X509SerialNumber").InnerText);
        var references = Single(encryptedKey, Xenc, "ReferenceList").GetElementsByTagName("DataReference", Xenc).OfType<XmlElement>().Select(r => r.GetAttribute("URI")).ToList();

        var encryptedData = security.GetElementsByTagName("EncryptedData", Xenc).OfType<XmlElement>().ToList();
        Assert.Equal(2, encryptedData.Count);
        Assert.Equal(encryptedData.Select(d => "#" + d.GetAttribute("Id")), references);
        Assert.Equal(["application/xml", "text/plain"], encryptedData.Select(d => d.GetAttribute("MimeType")));
        foreach (var (data, contentId) in encryptedData.Zip(["a@x", "b@x"]))
        {
            Assert.Equal("http://docs.oasis-open.org/wss/oasis-wss-SwAProfile-1.1#Attachment-Content-Only", data.GetAttribute("Type"));
            Assert.Equal("http://www.w3.org/2009/xmlenc11#aes128-gcm", Single(data, Xenc, "EncryptionMethod").GetAttribute("Algorithm"));
            var cipherReference = Single(Single(data, Xenc, "CipherData"), Xenc, "CipherReference");
            Assert.Equal("cid:" + contentId, cipherReference.GetAttribute("URI"));
            Assert.Equal(
                "http://docs.oasis-open.org/wss/oasis-wss-SwAProfile-1.1#Attachment-Ciphertext-Transform",
                Single(Single(cipherReference, Xenc, "Transforms"), Ds, "Transform").GetAttribute("Algorithm"));
        }
        // The header survives a serialisation round trip (namespace declarations are all in place).
        var reparsed = new XmlDocument();
        reparsed.LoadXml(envelope.OuterXml);
        Assert.True(WsEncryption.IsEncrypted(reparsed));
    }

    [Fact]
    public async Task Encrypt_OutputIsStandardAes128GcmUnderAnRsaOaepSha256WrappedKey()
    {
        var (envelope, attachments) = CreateMessage(("a@x", "application/xml", SmallXml));

        await WsEncryption.EncryptAsync(envelope, attachments, TestCertificates.Recipient, CancellationToken.None);

        var cipherValue = envelope.GetElementsByTagName("CipherValue", Xenc).OfType<XmlElement>().Single().InnerText;
        using var rsa = TestCertificates.Recipient.GetRSAPrivateKey()!;
        var key = rsa.Decrypt(Convert.FromBase64String(cipherValue), RSAEncryptionPadding.OaepSHA256);
        Assert.Equal(16, key.Length);
        var sealedBytes = await attachments[0].Content.ReadAllBytesAsync(CancellationToken.None);
        using var gcm = new AesGcm(key, 16);
        var plaintext = new byte[sealedBytes.Length - 28];
        gcm.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(12, plaintext.Length), sealedBytes.AsSpan(12 + plaintext.Length), plaintext);
        Assert.Equal(SmallXml, plaintext);
    }

    [Fact]
    public async Task Encrypt_WithExistingSignature_PutsEncryptionElementsBeforeIt()
    {
        var (envelope, attachments) = CreateMessage(("a@x", "application/xml", SmallXml));
        var security = envelope.CreateElement("wsse", "Security", Wsse);
        var signature = envelope.CreateElement("ds", "Signature", Ds);
        security.AppendChild(envelope.CreateElement("wsse", "BinarySecurityToken", Wsse));
        security.AppendChild(signature);
        Single(envelope.DocumentElement!, Soap12, "Header").PrependChild(security);

        await WsEncryption.EncryptAsync(envelope, attachments, TestCertificates.Recipient, CancellationToken.None);

        var order = security.ChildNodes.OfType<XmlElement>().Select(e => e.LocalName).ToList();
        Assert.Equal(["BinarySecurityToken", "EncryptedKey", "EncryptedData", "Signature"], order);
        Assert.Single(envelope.GetElementsByTagName("Security", Wsse));
    }

    [Fact]
    public async Task Decrypt_WithCertificateTheKeyIsNotFor_FailsAndChangesNothing()
    {
        var (envelope, attachments) = CreateMessage(("a@x", "application/xml", SmallXml));
        await WsEncryption.EncryptAsync(envelope, attachments, TestCertificates.Recipient, CancellationToken.None);
        var before = await Snapshot(envelope, attachments);

        var result = await WsEncryption.DecryptAsync(envelope, attachments, TestCertificates.Other, CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(DecryptionFailureReason.KeyNotForThisCertificate, result.FailureReason);
        Assert.Contains("Caravan Test Recipient", result.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await Snapshot(envelope, attachments));
    }

    [Fact]
    public async Task Decrypt_KeyInfoRemovedAndWrongPrivateKey_FailsToUnwrap()
    {
        var (envelope, attachments) = CreateMessage(("a@x", "application/xml", SmallXml));
        await WsEncryption.EncryptAsync(envelope, attachments, TestCertificates.Recipient, CancellationToken.None);
        var keyInfo = Single(envelope.GetElementsByTagName("EncryptedKey", Xenc).OfType<XmlElement>().Single(), Ds, "KeyInfo");
        keyInfo.ParentNode!.RemoveChild(keyInfo);

        var result = await WsEncryption.DecryptAsync(envelope, attachments, TestCertificates.Other, CancellationToken.None);

        Assert.Equal(DecryptionFailureReason.KeyUnwrapFailed, result.FailureReason);
        Assert.Equal("application/octet-stream", attachments[0].ContentType);
    }

    [Fact]
    public async Task Decrypt_TamperedCiphertext_FailsWithTagMismatchAndLeavesEverythingEncrypted()
    {
        var (envelope, attachments) = CreateMessage(("a@x", "application/xml", SmallXml), ("b@x", "application/pdf", RandomBytes(5000, seed: 3)));
        await WsEncryption.EncryptAsync(envelope, attachments, TestCertificates.Recipient, CancellationToken.None);
        var tampered = await attachments[1].Content.ReadAllBytesAsync(CancellationToken.None);
        tampered[100] ^= 0x04;
        attachments[1].ReplaceContent(PayloadContent.FromBytes(tampered));
        var before = await Snapshot(envelope, attachments);

        var result = await WsEncryption.DecryptAsync(envelope, attachments, TestCertificates.Recipient, CancellationToken.None);

        Assert.Equal(DecryptionFailureReason.AuthenticationTagMismatch, result.FailureReason);
        Assert.Contains("cid:b@x", result.Detail, StringComparison.Ordinal);
        Assert.Equal(before, await Snapshot(envelope, attachments));
        Assert.True(WsEncryption.IsEncrypted(envelope));
    }

    [Fact]
    public async Task Decrypt_ReferenceToAbsentAttachment_FailsWithMissingAttachment()
    {
        var (envelope, attachments) = CreateMessage(("a@x", "application/xml", SmallXml), ("b@x", "text/plain", [1]));
        await WsEncryption.EncryptAsync(envelope, attachments, TestCertificates.Recipient, CancellationToken.None);

        var result = await WsEncryption.DecryptAsync(envelope, [attachments[0]], TestCertificates.Recipient, CancellationToken.None);

        Assert.Equal(DecryptionFailureReason.MissingAttachment, result.FailureReason);
        Assert.Equal("application/octet-stream", attachments[0].ContentType);
    }

    [Fact]
    public async Task Decrypt_PlainMessage_FailsWithNoEncryptedKey()
    {
        var (envelope, attachments) = CreateMessage(("a@x", "application/xml", SmallXml));

        var result = await WsEncryption.DecryptAsync(envelope, attachments, TestCertificates.Recipient, CancellationToken.None);

        Assert.Equal(DecryptionFailureReason.NoEncryptedKey, result.FailureReason);
        Assert.False(WsEncryption.IsEncrypted(envelope));
    }

    [Theory]
    [InlineData("EncryptedKey", "http://www.w3.org/2001/04/xmlenc#rsa-1_5")]
    [InlineData("EncryptedData", "http://www.w3.org/2001/04/xmlenc#tripledes-cbc")]
    public async Task Decrypt_UnsupportedAlgorithm_SaysSo(string element, string algorithm)
    {
        var (envelope, attachments) = CreateMessage(("a@x", "application/xml", SmallXml));
        await WsEncryption.EncryptAsync(envelope, attachments, TestCertificates.Recipient, CancellationToken.None);
        Single(envelope.GetElementsByTagName(element, Xenc).OfType<XmlElement>().First(), Xenc, "EncryptionMethod").SetAttribute("Algorithm", algorithm);

        var result = await WsEncryption.DecryptAsync(envelope, attachments, TestCertificates.Recipient, CancellationToken.None);

        Assert.Equal(DecryptionFailureReason.UnsupportedAlgorithm, result.FailureReason);
        Assert.Contains(algorithm, result.Detail, StringComparison.Ordinal);
    }

    public static TheoryData<string, bool, string, string, int> Variants => new()
    {
        { "Aes256Gcm", false, "SHA256", "SHA256", 1000 },
        { "Aes192Gcm", false, "SHA512", "SHA256", 0 },
        { "Aes128Gcm", false, "SHA1", "SHA1", 17 },
        { "Aes128Gcm", false, "SHA256", "SHA1", 16 },
        { "Aes128Gcm", true, "SHA256", "SHA1", 100 },
        { "Aes128Cbc", true, "SHA1", "SHA1", 0 },
        { "Aes128Cbc", true, "SHA1", "SHA1", 16 },
        { "Aes256Cbc", false, "SHA384", "SHA384", 31 },
        { "Aes256Cbc", true, "SHA256", "SHA1", PayloadContent.InMemoryLimit + 65_537 },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task Decrypt_OtherStacksAlgorithmChoices_RoundTrip(string data, bool mgf1p, string digest, string mask, int size)
    {
        var payload = RandomBytes(size, seed: size);
        var (envelope, attachments) = CreateMessage(("p@x", "image/png", payload));
        var settings = new EncryptionSettings(Enum.Parse<DataEncryptionAlgorithm>(data), mgf1p, new RsaOaepParameters(new HashAlgorithmName(digest), new HashAlgorithmName(mask), []));

        await WsEncryption.EncryptAsync(envelope, attachments, TestCertificates.Recipient, settings, CancellationToken.None);
        var result = await WsEncryption.DecryptAsync(envelope, attachments, TestCertificates.Recipient, CancellationToken.None);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(payload, await attachments[0].Content.ReadAllBytesAsync(CancellationToken.None));
        Assert.Equal("image/png", attachments[0].ContentType);
        attachments[0].Dispose();
    }

    [Fact]
    public async Task Decrypt_CbcCiphertextNotWholeBlocks_FailsAsCorrupt()
    {
        var (envelope, attachments) = CreateMessage(("p@x", "text/plain", SmallXml));
        await WsEncryption.EncryptAsync(envelope, attachments, TestCertificates.Recipient, new EncryptionSettings(DataEncryptionAlgorithm.Aes128Cbc, false, RsaOaepParameters.Sha256), CancellationToken.None);
        var bytes = await attachments[0].Content.ReadAllBytesAsync(CancellationToken.None);
        attachments[0].ReplaceContent(PayloadContent.FromBytes(bytes[..^3]));

        var result = await WsEncryption.DecryptAsync(envelope, attachments, TestCertificates.Recipient, CancellationToken.None);

        Assert.Equal(DecryptionFailureReason.CiphertextCorrupt, result.FailureReason);
    }

    [Theory]
    [InlineData("IssuerSerial")]
    [InlineData("SubjectKeyIdentifier")]
    [InlineData("Thumbprint")]
    [InlineData("EmbeddedCertificate")]
    [InlineData("BinarySecurityToken")]
    public async Task Decrypt_WithCandidateSet_PicksTheCertificateTheKeyInfoNames(string form)
    {
        var recipient = TestCertificates.Recipient;
        var (envelope, attachments) = CreateMessage(("a@x", "application/xml", SmallXml));
        await WsEncryption.EncryptAsync(envelope, attachments, recipient, CancellationToken.None);
        var tokenReference = envelope.GetElementsByTagName("EncryptedKey", Xenc).OfType<XmlElement>().Single()
            .GetElementsByTagName("SecurityTokenReference", Wsse).OfType<XmlElement>().Single();
        if (form != "IssuerSerial")
        {
            tokenReference.RemoveAll();
            var ski = recipient.Extensions.OfType<X509SubjectKeyIdentifierExtension>().Single().SubjectKeyIdentifierBytes.ToArray();
            var child = form switch
            {
                "SubjectKeyIdentifier" => KeyIdentifier(envelope, "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509SubjectKeyIdentifier", ski),
                "Thumbprint" => KeyIdentifier(envelope, "http://docs.oasis-open.org/wss/oasis-wss-soap-message-security-1.1#ThumbprintSHA1", recipient.GetCertHash()),
                "EmbeddedCertificate" => EmbeddedCertificate(envelope, recipient),
                _ => BinarySecurityTokenReference(envelope, recipient),
            };
            tokenReference.AppendChild(child);
        }

        var result = await WsEncryption.DecryptAsync(envelope, attachments, [TestCertificates.Other, recipient], CancellationToken.None);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(SmallXml, await attachments[0].Content.ReadAllBytesAsync(CancellationToken.None));
    }

    [Theory]
    [InlineData("CN=AccessPointB", "CN=AccessPointB", true)]
    [InlineData("CN=Test, O=Caravan, C=EU", "C=EU,O=Caravan,CN=Test", true)]
    [InlineData("cn=test,  o=caravan, c=EU", "CN=Test, O=Caravan, C=EU", true)]
    [InlineData("CN=Test, O=Other, C=EU", "CN=Test, O=Caravan, C=EU", false)]
    public void IssuerNames_CompareByAttributes(string written, string actual, bool same) =>
        Assert.Equal(same, RecipientReference.SameName(written, new X500DistinguishedName(actual)));

    [Fact]
    public async Task Encrypt_EnvelopeWithoutHeader_CreatesHeaderAndDecryptsAfterSerialization()
    {
        var envelope = new XmlDocument { PreserveWhitespace = true };
        envelope.LoadXml("<Envelope xmlns=\"http://www.w3.org/2003/05/soap-envelope\"><Body/></Envelope>");
        var attachments = new List<As4Attachment> { new("a@x", "application/xml", PayloadContent.FromBytes(SmallXml)) };

        await WsEncryption.EncryptAsync(envelope, attachments, TestCertificates.Recipient, CancellationToken.None);
        var received = new XmlDocument { PreserveWhitespace = true };
        received.LoadXml(envelope.OuterXml);
        var header = (XmlElement)received.DocumentElement!.FirstChild!;
        var security = (XmlElement)header.FirstChild!;

        Assert.Equal(("Header", Soap12), (header.LocalName, header.NamespaceURI));
        Assert.Equal(("Security", Wsse), (security.LocalName, security.NamespaceURI));
        Assert.Equal("true", security.GetAttribute("mustUnderstand", Soap12));
        var result = await WsEncryption.DecryptAsync(received, attachments, TestCertificates.Recipient, CancellationToken.None);
        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(SmallXml, await attachments[0].Content.ReadAllBytesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Encrypt_NotSoap12_Throws()
    {
        var document = new XmlDocument();
        document.LoadXml("<Envelope xmlns=\"http://schemas.xmlsoap.org/soap/envelope/\"><Body/></Envelope>");
        var (_, attachments) = CreateMessage(("a@x", "application/xml", SmallXml));

        await Assert.ThrowsAsync<ArgumentException>(() => WsEncryption.EncryptAsync(document, attachments, TestCertificates.Recipient, CancellationToken.None));
    }

    [Fact]
    public async Task Encrypt_WithoutAttachments_LeavesEnvelopeUnchanged()
    {
        var (envelope, _) = CreateMessage();
        var before = envelope.OuterXml;

        await WsEncryption.EncryptAsync(envelope, [], TestCertificates.Recipient, CancellationToken.None);

        Assert.Equal(before, envelope.OuterXml);
    }

    internal static (XmlDocument Envelope, List<As4Attachment> Attachments) CreateMessage(params (string ContentId, string ContentType, byte[] Bytes)[] parts)
    {
        var envelope = new XmlDocument { PreserveWhitespace = true };
        envelope.LoadXml(
            "<S12:Envelope xmlns:S12=\"http://www.w3.org/2003/05/soap-envelope\" xmlns:eb=\"http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/\">" +
            "<S12:Header><eb:Messaging S12:mustUnderstand=\"true\"><eb:UserMessage/></eb:Messaging></S12:Header><S12:Body/></S12:Envelope>");
        var attachments = parts.Select(p => new As4Attachment(p.ContentId, p.ContentType, PayloadContent.FromBytes(p.Bytes))).ToList();
        return (envelope, attachments);
    }

    internal static byte[] RandomBytes(int size, int seed)
    {
        var bytes = new byte[size];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    private static async Task<string> Snapshot(XmlDocument envelope, IEnumerable<As4Attachment> attachments)
    {
        var text = new StringBuilder(envelope.OuterXml);
        foreach (var attachment in attachments)
        {
            text.Append('|').Append(attachment.ContentType).Append('|').Append(Convert.ToHexString(SHA256.HashData(await attachment.Content.ReadAllBytesAsync(CancellationToken.None))));
        }
        return text.ToString();
    }

    private static XmlElement Single(XmlElement parent, string ns, string localName) =>
        parent.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == localName && e.NamespaceURI == ns);

    private static XmlElement KeyIdentifier(XmlDocument document, string valueType, byte[] value)
    {
        var element = document.CreateElement("wsse", "KeyIdentifier", Wsse);
        element.SetAttribute("ValueType", valueType);
        element.SetAttribute("EncodingType", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-soap-message-security-1.0#Base64Binary");
        element.InnerText = Convert.ToBase64String(value);
        return element;
    }

    private static XmlElement EmbeddedCertificate(XmlDocument document, X509Certificate2 certificate)
    {
        var data = document.CreateElement("ds", "X509Data", Ds);
        data.AppendChild(document.CreateElement("ds", "X509Certificate", Ds))!.InnerText = Convert.ToBase64String(certificate.RawData);
        return data;
    }

    private static XmlElement BinarySecurityTokenReference(XmlDocument document, X509Certificate2 certificate)
    {
        var security = document.GetElementsByTagName("Security", Wsse).OfType<XmlElement>().Single();
        var token = document.CreateElement("wsse", "BinarySecurityToken", Wsse);
        var id = document.CreateAttribute("wsu", "Id", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd");
        id.Value = "X509-recipient";
        token.Attributes.Append(id);
        token.SetAttribute("ValueType", "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3");
        token.InnerText = Convert.ToBase64String(certificate.RawData);
        security.PrependChild(token);
        var reference = document.CreateElement("wsse", "Reference", Wsse);
        reference.SetAttribute("URI", "#X509-recipient");
        return reference;
    }
}
