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
