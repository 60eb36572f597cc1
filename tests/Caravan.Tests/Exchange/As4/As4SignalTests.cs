using Caravan.Exchange.As4;
using Caravan.Exchange.As4.Model;
using Caravan.Exchange.As4.Security;
using Caravan.Exchange.As4.Signals;

namespace Caravan.Tests.Exchange.As4;

public sealed class As4SignalTests
{
    [Fact]
    public async Task Receipt_ForSignedMessage_CopiesReferencesAndChecksAgainstSentDigests()
    {
        using var sender = As4TestData.CreateRsaCertificate("CN=sender");
        using var receiver = As4TestData.CreateRsaCertificate("CN=receiver");
        var user = As4TestData.UserMessage(As4PartInfo.ForAttachment("doc", "application/xml"));
        using var attachment = As4TestData.Attachment("doc", "<a/>"u8.ToArray());
        var outbound = As4OutboundMessage.For(user, [attachment]) with { SigningCertificate = sender };
        using var wire = new MemoryStream();
        var written = await As4MessageWriter.WriteAsync(outbound, wire, CancellationToken.None);
        wire.Position = 0;
        using var received = await As4MessageReader.ReadAsync(wire, written.ContentType, CancellationToken.None);
        Assert.True(received.Succeeded);

        var receiptDoc = As4ReceiptBuilder.Build(received.Envelope, "receipt-1@caravan", As4TestData.Now);
        using var receiptWire = new MemoryStream();
        var receiptWritten = await As4MessageWriter.WriteAsync(new As4OutboundMessage(receiptDoc, []) { SigningCertificate = receiver }, receiptWire, CancellationToken.None);
        receiptWire.Position = 0;
        using var receiptRead = await As4MessageReader.ReadAsync(receiptWire, receiptWritten.ContentType, CancellationToken.None);
        Assert.True(receiptRead.Succeeded, string.Join("; ", receiptRead.Errors));
        var receipt = Assert.IsType<As4Receipt>(receiptRead.Envelope.PrimaryUnit);
        Assert.Equal(user.MessageId, receipt.RefToMessageId);
        Assert.Equal(3, receipt.NonRepudiationReferences.Count);
        var verification = await WsSecurityVerifier.VerifyAsync(receiptRead.Envelope, [], new SignatureVerificationOptions(), CancellationToken.None);
        Assert.True(verification.SignatureValid, verification.FailureReason);

        Assert.True(As4ReceiptVerifier.Check(receipt, user.MessageId, written.SignedReferences).Valid);
        var tampered = written.SignedReferences.Select((r, i) => i == 2 ? r with { DigestValue = Convert.ToBase64String(new byte[32]) } : r).ToList();
        var check = As4ReceiptVerifier.Check(receipt, user.MessageId, tampered);
        Assert.False(check.Valid);
        Assert.Contains("cid:doc", Assert.Single(check.Problems), StringComparison.Ordinal);
    }

    /// <summary>A signed user message as the receiver reads it, and the references its sender keeps.</summary>
    private static async Task<(As4ReadResult Received, IReadOnlyList<As4ReceiptReference> SentReferences)> ReceiveSignedAsync(As4UserMessage user, System.Security.Cryptography.X509Certificates.X509Certificate2 sender)
    {
        using var attachment = As4TestData.Attachment("doc", "<a/>"u8.ToArray());
        var outbound = As4OutboundMessage.For(user, [attachment]) with { SigningCertificate = sender };
        using var wire = new MemoryStream();
        var written = await As4MessageWriter.WriteAsync(outbound, wire, CancellationToken.None);
        wire.Position = 0;
        var received = await As4MessageReader.ReadAsync(wire, written.ContentType, CancellationToken.None);
        Assert.True(received.Succeeded, string.Join("; ", received.Errors));
        return (received, written.SignedReferences);
    }

    private static async Task<(As4ReadResult Read, SignatureVerificationResult Verification)> ReadReceiptAsync(byte[] receiptWire, System.Security.Cryptography.X509Certificates.X509Certificate2 signer)
    {
        var read = await As4MessageReader.ReadAsync(new MemoryStream(receiptWire), "application/soap+xml", CancellationToken.None);
        Assert.True(read.Succeeded, string.Join("; ", read.Errors));
        var verification = await WsSecurityVerifier.VerifyAsync(read.Envelope, [], new SignatureVerificationOptions { CandidateCertificates = [signer] }, CancellationToken.None);
        return (read, verification);
    }

    [Fact]
    public async Task SignedReceipt_WrittenCanonically_VerifiesAndMatchesTheDocumentBuiltReceipt()
    {
        using var sender = As4TestData.CreateRsaCertificate("CN=sender");
        using var receiver = As4TestData.CreateRsaCertificate("CN=receiver");
        var user = As4TestData.UserMessage(As4PartInfo.ForAttachment("doc", "application/xml"));
        var (received, sent) = await ReceiveSignedAsync(user, sender);
        using (received)
        {
            var wire = await As4ReceiptBuilder.BuildSignedAsync(received.Envelope!, "receipt-1@caravan", As4TestData.Now, receiver, CancellationToken.None);
            var (read, verification) = await ReadReceiptAsync(wire, receiver);
            using (read)
            {
                Assert.True(verification.SignatureValid, verification.FailureReason);
                Assert.True(verification.Coverage.Messaging);
                Assert.True(verification.Coverage.Body);
                Assert.Equal(receiver.Thumbprint, verification.SigningCertificate!.Thumbprint);
                var receipt = Assert.IsType<As4Receipt>(read.Envelope!.PrimaryUnit);
                Assert.Equal("receipt-1@caravan", receipt.MessageId);
                Assert.Equal(user.MessageId, receipt.RefToMessageId);
                Assert.Equal(As4TestData.Now, receipt.Timestamp);
                Assert.True(As4ReceiptVerifier.Check(receipt, user.MessageId, sent).Valid);

                // The same receipt as the document path builds: the same references, in the same order.
                var built = Assert.IsType<As4Receipt>(As4EnvelopeParser.Parse(As4ReceiptBuilder.Build(received.Envelope!, "receipt-1@caravan", As4TestData.Now)).Envelope!.PrimaryUnit);
                Assert.Equal(built.NonRepudiationReferences.Select(r => (r.Uri, r.DigestValue)), receipt.NonRepudiationReferences.Select(r => (r.Uri, r.DigestValue)));
                Assert.Equal(3, receipt.NonRepudiationReferences.Count);
            }
        }
    }

    [Fact]
    public async Task SignedReceipt_SignedParts_AreWrittenAsTheFrameworkCanonicalisesThem()
    {
        using var sender = As4TestData.CreateRsaCertificate("CN=sender");
        using var receiver = As4TestData.CreateRsaCertificate("CN=receiver");
        var (received, _) = await ReceiveSignedAsync(As4TestData.UserMessage(As4PartInfo.ForAttachment("doc", "application/xml")), sender);
        using (received)
        {
            var wire = await As4ReceiptBuilder.BuildSignedAsync(received.Envelope!, "receipt-2@caravan", As4TestData.Now, receiver, CancellationToken.None);
            var text = System.Text.Encoding.UTF8.GetString(wire);
            var document = XmlHelpers.LoadXml(text[text.IndexOf('<', 1)..]);
            foreach (var (name, ns) in new[] { ("Messaging", As4Namespaces.Ebms), ("Body", As4Namespaces.Soap12), ("SignedInfo", As4Namespaces.Dsig) })
            {
                var element = (System.Xml.XmlElement)document.GetElementsByTagName(name, ns)[0]!;
                using var canonical = new StreamReader(XmlCanonicalizer.WithFramework(element, As4Namespaces.ExcC14N, null));
                var expected = canonical.ReadToEnd();
                Assert.Contains(expected, text, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task SignedReceipt_ForCorpusMessageSignedInTheDefaultNamespace_CopiesItsReferencesAndVerifies()
    {
        await using var stream = As4TestData.Open("as4-soap-signed-message.txt");
        using var received = await As4MessageReader.ReadAsync(stream, As4TestData.SoapContentType, CancellationToken.None);
        Assert.True(received.Succeeded, string.Join("; ", received.Errors));
        using var receiver = As4TestData.CreateRsaCertificate("CN=receiver");

        var wire = await As4ReceiptBuilder.BuildSignedAsync(received.Envelope!, "receipt-3@caravan", As4TestData.Now, receiver, CancellationToken.None);
        var (read, verification) = await ReadReceiptAsync(wire, receiver);
        using (read)
        {
            Assert.True(verification.SignatureValid, verification.FailureReason);
            var receipt = Assert.IsType<As4Receipt>(read.Envelope!.PrimaryUnit);
            Assert.Equal("cece0a43-8233-447e-b3b8-4239f601097b@10.124.29.131", receipt.RefToMessageId);
            Assert.Equal(["#header-c8783d04-c792-46ac-a43e-17cbf160a778", "#body-c9c493a9-30db-4730-959b-ca6a30d506d3"], receipt.NonRepudiationReferences.Select(r => r.Uri));
            Assert.Equal("07hrLzGKM08EMN//ok5zGDKcySKeFz2LexQCuXRdFPE=", receipt.NonRepudiationReferences[0].DigestValue);
        }
    }

    [Fact]
    public async Task SignedReceipt_CopiedReferenceUsingTheReceiptsPrefixes_IsRenderedInItsContext()
    {
        using var sender = As4TestData.CreateRsaCertificate("CN=sender");
        using var receiver = As4TestData.CreateRsaCertificate("CN=receiver");
        var (received, _) = await ReceiveSignedAsync(As4TestData.UserMessage(As4PartInfo.ForAttachment("doc", "application/xml")), sender);
        using (received)
        {
            // Another stack's ds:Reference may carry attributes in namespaces the receipt's ancestors already declare
            // (wsu, eb), and use the ebbp prefix for something else; C14N then renders only what is new in context.
            var reference = (System.Xml.XmlElement)received.Envelope!.Document.GetElementsByTagName("Reference", As4Namespaces.Dsig)[0]!;
            foreach (var (prefix, name, ns, value) in new[] { ("wsu", "Id", As4Namespaces.Wsu, "ref-1"), ("eb", "flag", As4Namespaces.Ebms, "x"), ("ebbp", "other", "urn:other", "y") })
            {
                var attribute = received.Envelope.Document.CreateAttribute(prefix, name, ns);
                attribute.Value = value;
                reference.SetAttributeNode(attribute);
            }
            XmlHelpers.DeclareNamespaces(received.Envelope.Document);

            var wire = await As4ReceiptBuilder.BuildSignedAsync(received.Envelope, "receipt-4@caravan", As4TestData.Now, receiver, CancellationToken.None);
            var (read, verification) = await ReadReceiptAsync(wire, receiver);
            using (read)
            {
                Assert.True(verification.SignatureValid, verification.FailureReason);
                var copied = (System.Xml.XmlElement)read.Envelope!.Document.GetElementsByTagName("Reference", As4Namespaces.Dsig)[2]!;
                Assert.Equal("ref-1", copied.GetAttribute("Id", As4Namespaces.Wsu));
                Assert.Equal("y", copied.GetAttribute("other", "urn:other"));
            }
        }
    }

    [Fact]
    public async Task SignedReceipt_EscapesMessageIdsAndSignsWithAnEcdsaKey()
    {
        using var sender = As4TestData.CreateRsaCertificate("CN=sender");
        using var receiver = As4TestData.CreateEcdsaCertificate("CN=receiver-ec");
        var user = As4TestData.UserMessage(As4PartInfo.ForAttachment("doc", "application/xml")) with { MessageId = "m&1<2>\"3'@uz" };
        var (received, sent) = await ReceiveSignedAsync(user, sender);
        using (received)
        {
            var wire = await As4ReceiptBuilder.BuildSignedAsync(received.Envelope!, "r&<>@kz", As4TestData.Now, receiver, CancellationToken.None);
            var (read, verification) = await ReadReceiptAsync(wire, receiver);
            using (read)
            {
                Assert.True(verification.SignatureValid, verification.FailureReason);
                Assert.Equal(As4Namespaces.EcdsaSha256, ((System.Xml.XmlElement)read.Envelope!.Document.GetElementsByTagName("SignatureMethod", As4Namespaces.Dsig)[0]!).GetAttribute("Algorithm"));
                var receipt = Assert.IsType<As4Receipt>(read.Envelope!.PrimaryUnit);
                Assert.Equal("r&<>@kz", receipt.MessageId);
                Assert.Equal(user.MessageId, receipt.RefToMessageId);
                Assert.True(As4ReceiptVerifier.Check(receipt, user.MessageId, sent).Valid);
            }
        }
    }

    [Fact]
    public async Task SignedReceipt_ForUnsignedMessage_IsSignedAndCarriesTheUserMessageCopy()
    {
        using var receiver = As4TestData.CreateRsaCertificate("CN=receiver");
        var parsed = As4EnvelopeParser.Parse(As4EnvelopeSerializer.CreateEnvelope(As4TestData.UserMessage()));
        var wire = await As4ReceiptBuilder.BuildSignedAsync(parsed.Envelope!, "receipt-5@caravan", As4TestData.Now, receiver, CancellationToken.None);
        var (read, verification) = await ReadReceiptAsync(wire, receiver);
        using (read)
        {
            Assert.True(verification.SignatureValid, verification.FailureReason);
            var receipt = Assert.IsType<As4Receipt>(read.Envelope!.PrimaryUnit);
            Assert.True(receipt.ContainsUserMessageCopy);
            Assert.Empty(receipt.NonRepudiationReferences);
            Assert.Equal(As4TestData.UserMessage().MessageId, receipt.RefToMessageId);
        }
    }

    [Fact]
    public void Receipt_ForUnsignedMessage_CarriesUserMessageCopy()
    {
        var parsed = As4EnvelopeParser.Parse(As4EnvelopeSerializer.CreateEnvelope(As4TestData.UserMessage()));
        var receiptDoc = As4ReceiptBuilder.Build(parsed.Envelope!, "r-1", As4TestData.Now);
        var receipt = Assert.IsType<As4Receipt>(As4EnvelopeParser.Parse(receiptDoc).Envelope!.PrimaryUnit);
        Assert.True(receipt.ContainsUserMessageCopy);
        Assert.Empty(receipt.NonRepudiationReferences);
    }

    [Fact]
    public void Error_BuildThenParse_KeepsCodeCategorySeverityAndDescription()
    {
        var doc = As4ErrorBuilder.Build("err-1", As4TestData.Now, "msg-9", EbmsErrorCode.DecompressionFailure, "payload p1 is not gzip");
        var parsed = As4EnvelopeParser.Parse(doc);
        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Errors));
        var error = Assert.IsType<As4Error>(parsed.Envelope.PrimaryUnit);
        Assert.Equal("msg-9", error.RefToMessageId);
        var item = Assert.Single(error.Errors);
        Assert.Equal("EBMS:0303", item.Code.Code);
        Assert.Equal("DecompressionFailure", item.Code.ShortDescription);
        Assert.Equal("failure", item.Severity);
        Assert.Equal("msg-9", item.RefToMessageInError);
        Assert.Equal("payload p1 is not gzip", item.Description);
    }

    [Fact]
    public void ErrorCodes_CoverCoreAndAs4Codes()
    {
        string[] expected = ["EBMS:0001", "EBMS:0002", "EBMS:0003", "EBMS:0004", "EBMS:0005", "EBMS:0006", "EBMS:0007", "EBMS:0008", "EBMS:0009", "EBMS:0010", "EBMS:0011", "EBMS:0101", "EBMS:0102", "EBMS:0103", "EBMS:0201", "EBMS:0202", "EBMS:0301", "EBMS:0302", "EBMS:0303"];
        Assert.All(expected, code => Assert.True(EbmsErrorCode.IsKnown(code), code));
        Assert.Equal("Processing", EbmsErrorCode.FailedAuthentication.Category);
        Assert.Equal("warning", EbmsErrorCode.EmptyMessagePartitionChannel.Severity);
    }
}
