using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;
using Caravan.Exchange.As4;
using Caravan.Exchange.As4.Compression;
using Caravan.Exchange.As4.Model;
using Caravan.Exchange.As4.Security;

namespace Caravan.Tests.Exchange.As4;

public sealed class As4RoundTripTests
{
    private static readonly byte[] PayloadBytes = Encoding.UTF8.GetBytes("<Certificate><Id>hello payload</Id></Certificate>");

    private static async Task<(byte[] Wire, As4WriteResult Written)> WriteSignedAsync(X509Certificate2 certificate, bool compress = false)
    {
        var user = As4TestData.UserMessage(As4PartInfo.ForAttachment("cert@caravan", "application/xml", compress));
        using var attachment = As4TestData.Attachment("cert@caravan", PayloadBytes);
        using var wire = new MemoryStream();
        var written = await As4MessageWriter.WriteAsync(As4OutboundMessage.For(user, [attachment]) with { SigningCertificate = certificate }, wire, CancellationToken.None);
        return (wire.ToArray(), written);
    }

    private static async Task<(As4ReadResult Read, SignatureVerificationResult Result)> ReadAndVerifyAsync(byte[] wire, string contentType, Action<As4Envelope>? tamper = null)
    {
        var read = await As4MessageReader.ReadAsync(new MemoryStream(wire), contentType, CancellationToken.None);
        Assert.True(read.Succeeded, string.Join("; ", read.Errors));
        tamper?.Invoke(read.Envelope);
        var result = await WsSecurityVerifier.VerifyAsync(read.Envelope, read.Attachments, new SignatureVerificationOptions(), CancellationToken.None);
        return (read, result);
    }

    [Fact]
    public async Task SoapPart_IsTheSignedEnvelopesExclusiveCanonicalForm_AndVerifies()
    {
        using var certificate = As4TestData.CreateRsaCertificate();
        var envelope = As4EnvelopeSerializer.CreateEnvelope(As4TestData.UserMessage() with { MessageId = "m&<1>@caravan.test" });
        await WsSecuritySigner.SignAsync(envelope, [], certificate, CancellationToken.None);
        using var package = Caravan.Exchange.As4.Mime.As4MimeWriter.Package(envelope, []);
        using var wire = new MemoryStream();
        await package.WriteToAsync(wire, CancellationToken.None);

        // Byte for byte what the framework's own exclusive C14N gives for the whole envelope.
        using var canonical = XmlCanonicalizer.WithFramework(envelope.DocumentElement!, As4Namespaces.ExcC14N, null);
        using var expected = new MemoryStream();
        await canonical.CopyToAsync(expected);
        Assert.Equal(expected.ToArray(), wire.ToArray());

        var (read, result) = await ReadAndVerifyAsync(wire.ToArray(), package.ContentType);
        using (read)
        {
            Assert.True(result.SignatureValid, result.FailureReason);
            Assert.Equal("m&<1>@caravan.test", read.Envelope!.PrimaryUnit.MessageId);
        }
    }

    private static byte[] Replace(byte[] wire, string from, string to)
    {
        var text = Encoding.Latin1.GetString(wire);
        Assert.Contains(from, text, StringComparison.Ordinal);
        return Encoding.Latin1.GetBytes(text.Replace(from, to, StringComparison.Ordinal));
    }

    [Fact]
    public async Task SignWriteReadVerify_Untampered_IsValidAndCoversEverything()
    {
        using var certificate = As4TestData.CreateRsaCertificate();
        var (wire, written) = await WriteSignedAsync(certificate);
        Assert.StartsWith("multipart/related; boundary=", written.ContentType, StringComparison.Ordinal);
        Assert.Contains("start=\"<", written.ContentType, StringComparison.Ordinal);
        var (read, result) = await ReadAndVerifyAsync(wire, written.ContentType);
        using (read)
        {
            Assert.True(result.SignatureValid, result.FailureReason);
            Assert.True(result.Coverage.IsComplete);
            Assert.Equal(certificate.Thumbprint, result.SigningCertificate!.Thumbprint);
            Assert.Equal(As4Namespaces.RsaSha256, result.SignatureAlgorithm);
            Assert.Equal([ReferenceTarget.Messaging, ReferenceTarget.Body, ReferenceTarget.Attachment], result.References.Select(r => r.Target));
        }
    }

    [Fact]
    public async Task Verify_TamperedHeader_FailsNamingMessagingReference()
    {
        using var certificate = As4TestData.CreateRsaCertificate();
        var (wire, written) = await WriteSignedAsync(certificate);
        var (read, result) = await ReadAndVerifyAsync(Replace(wire, "SubmitCertificate", "SubmitCertificatX"), written.ContentType);
        using (read)
        {
            Assert.False(result.SignatureValid);
            var failed = Assert.Single(result.References, r => r.Status == ReferenceStatus.DigestMismatch);
            Assert.Equal(ReferenceTarget.Messaging, failed.Target);
            Assert.Contains(failed.Uri, result.FailureReason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Verify_TamperedBody_FailsNamingBodyReference()
    {
        using var certificate = As4TestData.CreateRsaCertificate();
        var (wire, written) = await WriteSignedAsync(certificate);
        var (read, result) = await ReadAndVerifyAsync(wire, written.ContentType, envelope => envelope.Body.AppendChild(envelope.Document.CreateElement("Injected")));
        using (read)
        {
            Assert.False(result.SignatureValid);
            var failed = Assert.Single(result.References, r => r.Status == ReferenceStatus.DigestMismatch);
            Assert.Equal(ReferenceTarget.Body, failed.Target);
            Assert.Contains(failed.Uri, result.FailureReason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Verify_TamperedAttachment_FailsWithDigestMismatch()
    {
        using var certificate = As4TestData.CreateRsaCertificate();
        var (wire, written) = await WriteSignedAsync(certificate);
        var (read, result) = await ReadAndVerifyAsync(Replace(wire, "hello payload", "jello payload"), written.ContentType);
        using (read)
        {
            Assert.False(result.SignatureValid);
            var failed = Assert.Single(result.References, r => r.Status == ReferenceStatus.DigestMismatch);
            Assert.Equal("cid:cert@caravan", failed.Uri);
            Assert.Contains("cid:cert@caravan", result.FailureReason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Verify_DuplicatedMessagingId_IsRejectedAsSignatureWrapping()
    {
        using var certificate = As4TestData.CreateRsaCertificate();
        var (wire, written) = await WriteSignedAsync(certificate);
        var (read, result) = await ReadAndVerifyAsync(wire, written.ContentType, envelope =>
        {
            var copy = (XmlElement)envelope.Messaging.CloneNode(deep: true);
            envelope.Body.AppendChild(copy);
        });
        using (read)
        {
            Assert.False(result.SignatureValid);
            Assert.Contains(result.References, r => r.Status == ReferenceStatus.DuplicateTarget);
            Assert.False(result.Coverage.Messaging);
        }
    }

    [Fact]
    public async Task Verify_UnsignedExtraAttachment_IsReportedAsNotCovered()
    {
        using var certificate = As4TestData.CreateRsaCertificate();
        var (wire, written) = await WriteSignedAsync(certificate);
        using var read = await As4MessageReader.ReadAsync(new MemoryStream(wire), written.ContentType, CancellationToken.None);
        using var extra = As4TestData.Attachment("smuggled", [1, 2, 3]);
        var result = await WsSecurityVerifier.VerifyAsync(read.Envelope!, [.. read.Attachments, extra], new SignatureVerificationOptions(), CancellationToken.None);
        Assert.True(result.SignatureValid);
        Assert.Equal(["smuggled"], result.Coverage.UnsignedAttachments);
        Assert.False(result.Coverage.IsComplete);
    }

    [Fact]
    public async Task SignWithEcdsa_VerifiesWithEcdsaSha256()
    {
        using var certificate = As4TestData.CreateEcdsaCertificate();
        var (wire, written) = await WriteSignedAsync(certificate);
        var (read, result) = await ReadAndVerifyAsync(wire, written.ContentType);
        using (read)
        {
            Assert.True(result.SignatureValid, result.FailureReason);
            Assert.Equal(As4Namespaces.EcdsaSha256, result.SignatureAlgorithm);
        }
    }

    [Fact]
    public async Task Sign_EnvelopeWithoutAttachments_IsAcceptedByFrameworkSignedXml()
    {
        using var certificate = As4TestData.CreateRsaCertificate();
        using var wire = new MemoryStream();
        var written = await As4MessageWriter.WriteAsync(As4OutboundMessage.For(As4TestData.UserMessage()) with { SigningCertificate = certificate }, wire, CancellationToken.None);
        Assert.StartsWith("application/soap+xml", written.ContentType, StringComparison.Ordinal);
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(Encoding.UTF8.GetString(wire.ToArray()));
        var signed = new WsuSignedXml(document);
        signed.LoadXml((XmlElement)document.GetElementsByTagName("Signature", As4Namespaces.Dsig)[0]!);
        Assert.True(signed.CheckSignature(certificate, verifySignatureOnly: true));
    }

    [Fact]
    public async Task Compression_RoundTrip_RestoresPayloadAndKeepsMimeType()
    {
        using var certificate = As4TestData.CreateRsaCertificate();
        var (wire, written) = await WriteSignedAsync(certificate, compress: true);
        var (read, result) = await ReadAndVerifyAsync(wire, written.ContentType);
        using (read)
        {
            Assert.True(result.SignatureValid, result.FailureReason);
            var attachment = Assert.Single(read.Attachments);
            Assert.Equal(As4Compression.GzipContentType, attachment.ContentType);
            Assert.Null(await As4Compression.DecompressAsync(attachment, "application/xml", null, CancellationToken.None));
            Assert.Equal(PayloadBytes, await attachment.Content.ReadAllBytesAsync(CancellationToken.None));
            Assert.Equal("application/xml", attachment.ContentType);
        }
    }

    [Fact]
    public async Task Decompress_NonGzipPayload_ReturnsDecompressionFailure()
    {
        using var attachment = As4TestData.Attachment("p1", PayloadBytes);
        var error = await As4Compression.DecompressAsync(attachment, "application/xml", "m-1", CancellationToken.None);
        Assert.NotNull(error);
        Assert.Equal(EbmsErrorCode.DecompressionFailure, error.Code);
        Assert.Equal("m-1", error.RefToMessageInError);
        Assert.Equal(PayloadBytes, await attachment.Content.ReadAllBytesAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Read_PartInfoWithoutMimePart_ReturnsExternalPayloadError()
    {
        var user = As4TestData.UserMessage(As4PartInfo.ForAttachment("missing", "application/xml"));
        using var other = As4TestData.Attachment("other", PayloadBytes);
        using var wire = new MemoryStream();
        var written = await As4MessageWriter.WriteAsync(As4OutboundMessage.For(user, [other]), wire, CancellationToken.None);
        wire.Position = 0;
        using var read = await As4MessageReader.ReadAsync(wire, written.ContentType, CancellationToken.None);
        Assert.Equal(EbmsErrorCode.ExternalPayloadError, Assert.Single(read.Errors).Code);
    }

    /// <summary>SignedXml resolving wsu:Id, used only to show that our signatures interoperate with another implementation.</summary>
    private sealed class WsuSignedXml(XmlDocument document) : SignedXml(document)
    {
        public override XmlElement? GetIdElement(XmlDocument? document, string idValue)
        {
            foreach (XmlElement element in document!.GetElementsByTagName("*"))
            {
                if (element.GetAttribute("Id", As4Namespaces.Wsu) == idValue)
                {
                    return element;
                }
            }
            return base.GetIdElement(document, idValue);
        }
    }
}
