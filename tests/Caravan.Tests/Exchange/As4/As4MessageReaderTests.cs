using Caravan.Exchange.As4;
using Caravan.Exchange.As4.Model;

namespace Caravan.Tests.Exchange.As4;

public sealed class As4MessageReaderTests
{
    private static async Task<As4ReadResult> ReadMultipartAsync(string name)
    {
        await using var stream = As4TestData.Open(name);
        return await As4MessageReader.ReadAsync(stream, As4TestData.MultipartContentType(name), CancellationToken.None);
    }

    [Fact]
    public async Task Read_SinglePayloadMultipart_ReturnsUserMessageAndSpooledAttachment()
    {
        using var read = await ReadMultipartAsync("as4_single_payload.as4");
        Assert.True(read.Succeeded, string.Join("; ", read.Errors));
        var user = Assert.IsType<As4UserMessage>(read.Envelope.PrimaryUnit);
        Assert.Equal("fd85bf2e-2366-408b-b187-010ad63d0070@10.124.29.152", user.MessageId);
        var attachment = Assert.Single(read.Attachments);
        Assert.Equal("earth2", attachment.ContentId);
        Assert.Equal("image/jpeg", attachment.ContentType);
        Assert.True(attachment.Content.Length > 200_000);
        Assert.Equal("cid:earth2", Assert.Single(user.PayloadInfo).Href);
    }

    [Fact]
    public async Task Read_EncryptedSignedIssuerSerial_IsDetectedAsSignedAndEncrypted()
    {
        using var read = await ReadMultipartAsync("as4-encrypted-signed-issuerserial.as4");
        Assert.True(read.Succeeded, string.Join("; ", read.Errors));
        Assert.True(read.Envelope.IsSigned);
        Assert.True(read.Envelope.IsEncrypted);
        Assert.Equal(2, read.Attachments.Count);
        var user = Assert.IsType<As4UserMessage>(read.Envelope.PrimaryUnit);
        Assert.All(user.PayloadInfo, p => Assert.True(p.IsGzipCompressed));
        Assert.Equal("image/jpeg", user.PayloadInfo[0].MimeType);
    }

    [Fact]
    public async Task Read_ReceiptWithInvalidNriNamespace_ParsesAsReceipt()
    {
        using var read = await ReadMultipartAsync("Receipt_InvalidNRI_Namespace.as4");
        Assert.True(read.Succeeded, string.Join("; ", read.Errors));
        var receipt = Assert.IsType<As4Receipt>(read.Envelope.PrimaryUnit);
        Assert.Equal("eb6ef7a7-4a5e-4c11-a187-c51ca1ef1444@10.0.0.4", receipt.RefToMessageId);
        Assert.Equal(3, receipt.NonRepudiationReferences.Count);
        Assert.False(receipt.NonRepudiationNamespaceValid);
        Assert.Equal("cid:earth", receipt.NonRepudiationReferences[2].Uri);
    }

    [Fact]
    public async Task Read_LfOnlyMultipartWithBom_Parses()
    {
        using var read = await ReadMultipartAsync("as4-multihop-message.as4");
        Assert.True(read.Succeeded, string.Join("; ", read.Errors));
    }

    [Fact]
    public async Task Read_UserMessageWithoutAction_ReturnsInvalidHeaderNamingAction()
    {
        using var read = await ReadMultipartAsync("as4-multihop-usermessage.as4");
        Assert.False(read.Succeeded);
        var error = Assert.Single(read.Errors);
        Assert.Equal(EbmsErrorCode.InvalidHeader, error.Code);
        Assert.Contains("eb:Action", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Read_UnknownContentType_ReturnsMimeInconsistency()
    {
        using var read = await As4MessageReader.ReadAsync(new MemoryStream([1, 2, 3]), "text/plain", CancellationToken.None);
        Assert.False(read.Succeeded);
        Assert.Equal(EbmsErrorCode.MimeInconsistency, Assert.Single(read.Errors).Code);
    }
}
