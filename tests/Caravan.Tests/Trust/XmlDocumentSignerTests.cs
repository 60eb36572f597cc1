using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;
using Caravan.Documents.Origin;
using Caravan.Tests.Documents.Origin;
using Caravan.Trust;

namespace Caravan.Tests.Trust;

public sealed class XmlDocumentSignerTests
{
    private const string DsNs = SignedXml.XmlDsigNamespaceUrl;
    private const string CoNs = CertificateOfOriginXml.Namespace;

    private static XmlDocument SignedCertificate(X509Certificate2 signer)
    {
        var document = CertificateOfOriginXml.ToXmlDocument(CertificateSamples.ThaiRiceAndCoffee());
        XmlDocumentSigner.Sign(document, signer);
        return document;
    }

    // Serialise and parse again, as a receiving node would.
    private static XmlDocument Transmit(XmlDocument document)
    {
        Assert.True(SecureXml.TryLoad(SecureXml.ToUtf8Bytes(document), out var received, out var error), error);
        return received;
    }

    private static XmlNamespaceManager Namespaces(XmlDocument document)
    {
        var namespaces = new XmlNamespaceManager(document.NameTable);
        namespaces.AddNamespace("ds", DsNs);
        namespaces.AddNamespace("co", CoNs);
        return namespaces;
    }

    [Fact]
    public void Verify_RsaSignedAndTransmitted_IsValidAndReturnsTheSigner()
    {
        var received = Transmit(SignedCertificate(TestCertificates.Rsa));

        var result = XmlDocumentSigner.Verify(received);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(DocumentSignatureFailure.None, result.Failure);
        Assert.Equal(TestCertificates.Rsa.Thumbprint, result.SignerCertificate?.Thumbprint);
        var signatureMethod = received.SelectSingleNode("//ds:SignatureMethod/@Algorithm", Namespaces(received))?.Value;
        Assert.Equal(SignedXml.XmlDsigRSASHA256Url, signatureMethod);
    }

    [Fact]
    public void Verify_EcdsaSigned_IsValid()
    {
        var received = Transmit(SignedCertificate(TestCertificates.Ecdsa));

        var result = XmlDocumentSigner.Verify(received);

        Assert.True(result.IsValid, result.Reason);
        Assert.Equal(TestCertificates.Ecdsa.Thumbprint, result.SignerCertificate?.Thumbprint);
        Assert.Equal(
            EcdsaSha256SignatureDescription.Algorithm,
            received.SelectSingleNode("//ds:SignatureMethod/@Algorithm", Namespaces(received))?.Value);
    }

    [Fact]
    public void Sign_UsesTheProfile_ExcC14nEnvelopedSha256AndX509KeyInfo()
    {
        var document = SignedCertificate(TestCertificates.Rsa);
        var ns = Namespaces(document);

        var signature = document.DocumentElement!.LastChild as XmlElement;

        Assert.Equal(("Signature", DsNs), (signature?.LocalName, signature?.NamespaceURI));
        Assert.Equal(SignedXml.XmlDsigExcC14NTransformUrl, document.SelectSingleNode("//ds:CanonicalizationMethod/@Algorithm", ns)?.Value);
        Assert.Equal(string.Empty, document.SelectSingleNode("//ds:Reference/@URI", ns)?.Value);
        Assert.Equal(
            [SignedXml.XmlDsigEnvelopedSignatureTransformUrl, SignedXml.XmlDsigExcC14NTransformUrl],
            document.SelectNodes("//ds:Transform/@Algorithm", ns)!.Cast<XmlNode>().Select(n => n.Value));
        Assert.Equal(SignedXml.XmlDsigSHA256Url, document.SelectSingleNode("//ds:DigestMethod/@Algorithm", ns)?.Value);
        Assert.NotNull(document.SelectSingleNode("//ds:KeyInfo/ds:X509Data/ds:X509Certificate", ns));
    }

    [Fact]
    public void Read_SignedCertificate_StillPassesSchemaAndValidation()
    {
        var bytes = SecureXml.ToUtf8Bytes(SignedCertificate(TestCertificates.Ecdsa));

        var result = CertificateOfOriginXml.Read(bytes);

        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        Assert.Equal(CertificateSamples.ThaiRiceAndCoffee(), result.Document);
    }

    [Fact]
    public void Verify_ElementAlteredAfterSigning_FailsWithMismatch()
    {
        var received = Transmit(SignedCertificate(TestCertificates.Rsa));
        received.SelectSingleNode("//co:Item[2]/co:HsCode", Namespaces(received))!.InnerText = "090111";

        var result = XmlDocumentSigner.Verify(received);

        Assert.False(result.IsValid);
        Assert.Equal(DocumentSignatureFailure.SignatureMismatch, result.Failure);
    }

    [Fact]
    public void Verify_WhitespaceAddedAfterSigning_FailsWithMismatch()
    {
        var received = Transmit(SignedCertificate(TestCertificates.Rsa));
        var remarks = received.SelectSingleNode("//co:Remarks", Namespaces(received))!;
        remarks.InnerText += " ";

        Assert.Equal(DocumentSignatureFailure.SignatureMismatch, XmlDocumentSigner.Verify(received).Failure);
    }

    [Fact]
    public void Verify_SignatureRemoved_FailsWithMissing()
    {
        var received = Transmit(SignedCertificate(TestCertificates.Rsa));
        received.DocumentElement!.RemoveChild(received.DocumentElement.LastChild!);

        var result = XmlDocumentSigner.Verify(received);

        Assert.Equal(DocumentSignatureFailure.Missing, result.Failure);
        Assert.Null(result.SignerCertificate);
    }

    [Fact]
    public void Verify_CertificateSwappedForAnotherKey_FailsWithMismatch()
    {
        var received = Transmit(SignedCertificate(TestCertificates.Rsa));
        var certificateNode = received.SelectSingleNode("//ds:X509Certificate", Namespaces(received))!;
        certificateNode.InnerText = Convert.ToBase64String(TestCertificates.OtherRsa.RawData);

        var result = XmlDocumentSigner.Verify(received);

        Assert.Equal(DocumentSignatureFailure.SignatureMismatch, result.Failure);
        Assert.Equal(TestCertificates.OtherRsa.Thumbprint, result.SignerCertificate?.Thumbprint);
    }

    [Fact]
    public void Verify_SignatureCopiedIntoTheDocument_FailsWithMultiple()
    {
        var received = Transmit(SignedCertificate(TestCertificates.Rsa));
        var signature = received.DocumentElement!.LastChild!;
        received.SelectSingleNode("//co:Exporter", Namespaces(received))!.AppendChild(signature.CloneNode(deep: true));

        Assert.Equal(DocumentSignatureFailure.Multiple, XmlDocumentSigner.Verify(received).Failure);
    }

    [Fact]
    public void Verify_SignatureMovedIntoAChild_FailsWithMisplaced()
    {
        var received = Transmit(SignedCertificate(TestCertificates.Rsa));
        var signature = received.DocumentElement!.LastChild!;
        received.DocumentElement.RemoveChild(signature);
        received.SelectSingleNode("//co:Exporter", Namespaces(received))!.AppendChild(signature);

        Assert.Equal(DocumentSignatureFailure.Misplaced, XmlDocumentSigner.Verify(received).Failure);
    }

    [Fact]
    public void Verify_OriginalWrappedInObjectUnderForgedDocument_IsRejected()
    {
        // Classic wrapping: the attacker keeps the genuine signature, hides the signed original inside it, and
        // presents forged content as the document.
        var genuine = Transmit(SignedCertificate(TestCertificates.Rsa));
        var forged = Transmit(SignedCertificate(TestCertificates.Rsa));
        var ns = Namespaces(forged);
        forged.DocumentElement!.RemoveChild(forged.DocumentElement.LastChild!);
        forged.SelectSingleNode("//co:Item[1]/co:FobValue", ns)!.InnerText = "1.00";
        var signature = (XmlElement)forged.ImportNode(genuine.DocumentElement!.LastChild!, deep: true);
        var wrapper = forged.CreateElement("ds", "Object", DsNs);
        var original = (XmlElement)forged.ImportNode(genuine.DocumentElement, deep: true);
        original.RemoveChild(original.LastChild!);
        wrapper.AppendChild(original);
        signature.AppendChild(wrapper);
        forged.DocumentElement.AppendChild(signature);

        var result = XmlDocumentSigner.Verify(forged);

        Assert.False(result.IsValid);
        Assert.Equal(DocumentSignatureFailure.SignatureMismatch, result.Failure);
    }

    [Fact]
    public void Verify_ReferenceToAnIdInsteadOfTheWholeDocument_IsRejected()
    {
        var document = CertificateOfOriginXml.ToXmlDocument(CertificateSamples.ThaiRiceAndCoffee());
        var exporter = (XmlElement)document.SelectSingleNode("//co:Exporter", Namespaces(document))!;
        exporter.SetAttribute("Id", "part");
        using var key = TestCertificates.Rsa.GetRSAPrivateKey()!;
        var signed = new SignedXml(document) { SigningKey = key };
        signed.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signed.SignedInfo.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        var reference = new Reference("#part") { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(reference);
        signed.KeyInfo = new KeyInfo();
        signed.KeyInfo.AddClause(new KeyInfoX509Data(TestCertificates.Rsa));
        signed.ComputeSignature();
        document.DocumentElement!.AppendChild(document.ImportNode(signed.GetXml(), deep: true));

        Assert.Equal(DocumentSignatureFailure.ReferenceNotWholeDocument, XmlDocumentSigner.Verify(document).Failure);
    }

    [Fact]
    public void Verify_WeakSignatureMethod_FailsWithUnsupportedAlgorithm()
    {
        var received = Transmit(SignedCertificate(TestCertificates.Rsa));
        var method = (XmlElement)received.SelectSingleNode("//ds:SignatureMethod", Namespaces(received))!;
        method.SetAttribute("Algorithm", "http://www.w3.org/2000/09/xmldsig#rsa-sha1");

        Assert.Equal(DocumentSignatureFailure.UnsupportedAlgorithm, XmlDocumentSigner.Verify(received).Failure);
    }

    [Fact]
    public void Sign_AlreadySignedOrNoPrivateKey_Throws()
    {
        var document = SignedCertificate(TestCertificates.Rsa);
        using var publicOnly = X509CertificateLoader.LoadCertificate(TestCertificates.Rsa.RawData);

        Assert.Throws<ArgumentException>(() => XmlDocumentSigner.Sign(document, TestCertificates.Rsa));
        Assert.Throws<ArgumentException>(() => XmlDocumentSigner.Sign(CertificateOfOriginXml.ToXmlDocument(CertificateSamples.ThaiRiceAndCoffee()), publicOnly));
    }

    [Theory]
    [InlineData("rsa")]
    [InlineData("ecdsa")]
    public void ValidateWriteSignSerialize_RepeatedWithOneSigner_EachOutputVerifiesAndReadsBack(string keyType)
    {
        var certificate = CertificateSamples.ThaiRiceAndCoffee();
        var signer = keyType == "rsa" ? TestCertificates.Rsa : TestCertificates.Ecdsa;

        // The issue pipeline a node runs per certificate, several times over one signer (its key is reused).
        var outputs = Enumerable.Range(0, 3).Select(_ =>
        {
            Assert.Empty(CertificateOfOriginValidator.Validate(certificate));
            var document = CertificateOfOriginXml.ToXmlDocument(certificate);
            XmlDocumentSigner.Sign(document, signer);
            return SecureXml.ToUtf8Bytes(document);
        }).ToList();

        Assert.All(outputs, bytes =>
        {
            Assert.True(SecureXml.TryLoad(bytes, out var received, out var error), error);
            var verification = XmlDocumentSigner.Verify(received);
            Assert.True(verification.IsValid, verification.Reason);
            Assert.Equal(signer.Thumbprint, verification.SignerCertificate?.Thumbprint);
            var read = CertificateOfOriginXml.Read(bytes);
            Assert.True(read.IsValid, string.Join("\n", read.Errors));
            Assert.Equal(certificate, read.Document);
        });
    }
}
