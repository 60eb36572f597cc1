using Caravan.Exchange.As4;
using Caravan.Exchange.As4.Model;

namespace Caravan.Tests.Exchange.As4;

public sealed class As4EnvelopeParserTests
{
    private static As4EnvelopeParseResult ParseCorpus(string name)
    {
        using var stream = As4TestData.Open(name);
        return As4EnvelopeParser.Parse(stream);
    }

    [Theory]
    [InlineData("receipt.xml", "66abf773-937d-4425-934f-0f4f54c88abe@192.168.0.177", 4)]
    [InlineData("multihopreceipt.xml", "bd03149f-0db1-4af9-aa78-a964045ecb86@EESSIDEV09", 3)]
    public void Parse_CorpusReceipt_ReturnsReceiptWithNriReferences(string name, string refTo, int references)
    {
        var result = ParseCorpus(name);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var receipt = Assert.IsType<As4Receipt>(result.Envelope.PrimaryUnit);
        Assert.Equal(refTo, receipt.RefToMessageId);
        Assert.Equal(references, receipt.NonRepudiationReferences.Count);
        Assert.True(receipt.NonRepudiationNamespaceValid);
        Assert.All(receipt.NonRepudiationReferences, r => Assert.Equal(As4Namespaces.Sha256, r.DigestMethod));
    }

    [Theory]
    [InlineData("as4-soap-pullrequest.xml")]
    [InlineData("as4-soap-signed-pullrequest.xml")]
    public void Parse_CorpusPullRequest_ReturnsMpc(string name)
    {
        var result = ParseCorpus(name);
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        var pull = Assert.IsType<As4PullRequest>(result.Envelope.PrimaryUnit);
        Assert.Equal("http://example.holodeckb2b.org/mpc/2", pull.Mpc);
    }

    [Fact]
    public void Parse_BundledReceiptsAndUserMessage_ReturnsAllUnitsInOrder()
    {
        var result = ParseCorpus("as4-soap-user-receipt-message.xml");
        Assert.True(result.Succeeded, string.Join("; ", result.Errors));
        Assert.Equal(["Receipt", "UserMessage", "Receipt"], result.Envelope.MessageUnits.Select(u => u.Kind));
        Assert.Equal("2", result.Envelope.UserMessage!.MessageId);
    }

    [Fact]
    public void Parse_SignedUserMessage_ReadsPartiesCollaborationAndProperties()
    {
        var result = ParseCorpus("as4-soap-signed-message.txt");
        Assert.True(result.Succeeded);
        var user = Assert.IsType<As4UserMessage>(result.Envelope.PrimaryUnit);
        Assert.Equal("org:eu:europa:as4:example", user.From.PrimaryId.Value);
        Assert.Equal("Receiver", user.To.Role);
        Assert.Equal("push-sample", user.PModeId);
        Assert.Equal("eu:edelivery:as4:sampleconversation", user.ConversationId);
        Assert.Equal(2, user.MessageProperties.Count);
        Assert.Equal(new DateTimeOffset(2016, 9, 23, 12, 33, 21, 595, TimeSpan.Zero).AddTicks(993), user.Timestamp);
    }

    [Fact]
    public void Parse_Soap11Envelope_ReturnsInvalidHeader()
    {
        using var stream = new MemoryStream("<s:Envelope xmlns:s='http://schemas.xmlsoap.org/soap/envelope/'><s:Header/><s:Body/></s:Envelope>"u8.ToArray());
        var result = As4EnvelopeParser.Parse(stream);
        Assert.Equal(EbmsErrorCode.InvalidHeader, Assert.Single(result.Errors).Code);
    }

    [Fact]
    public void Parse_BadTimestampAndUnknownCompression_NamesEachProblem()
    {
        var doc = As4EnvelopeSerializer.CreateEnvelope(As4TestData.UserMessage(new As4PartInfo("cid:a", [new As4Property("CompressionType", "application/x-zip")])));
        var timestamp = doc.GetElementsByTagName("Timestamp", As4Namespaces.Ebms)[0]!;
        timestamp.InnerText = "yesterday";
        var result = As4EnvelopeParser.Parse(doc);
        Assert.False(result.Succeeded);
        Assert.Contains(result.Errors, e => e.Code == EbmsErrorCode.InvalidHeader && e.Description!.Contains("yesterday", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Code == EbmsErrorCode.ValueNotRecognized && e.Description!.Contains("application/x-zip", StringComparison.Ordinal));
    }

    [Fact]
    public void Serialize_ThenParse_RoundTripsEveryUserMessageField()
    {
        var original = As4TestData.UserMessage(As4PartInfo.ForAttachment("doc@caravan", "application/xml", gzipCompressed: true, characterSet: "utf-8"));
        var doc = As4EnvelopeSerializer.CreateEnvelope(original);
        var parsed = As4EnvelopeParser.Parse(doc);
        Assert.True(parsed.Succeeded, string.Join("; ", parsed.Errors));
        var user = Assert.IsType<As4UserMessage>(parsed.Envelope.PrimaryUnit);
        Assert.Equal(original.MessageId, user.MessageId);
        Assert.Equal(original.Timestamp, user.Timestamp);
        Assert.Equal(original.From.PrimaryId, user.From.PrimaryId);
        Assert.Equal(original.To.PrimaryId, user.To.PrimaryId);
        Assert.Equal(original.ServiceType, user.ServiceType);
        Assert.Equal(original.PModeId, user.PModeId);
        Assert.Equal(original.AgreementRef, user.AgreementRef);
        Assert.Equal(original.MessageProperties, user.MessageProperties);
        var part = Assert.Single(user.PayloadInfo);
        Assert.Equal("doc@caravan", part.ContentId);
        Assert.True(part.IsGzipCompressed);
        Assert.Equal("application/xml", part.MimeType);
        Assert.Equal("utf-8", part.CharacterSet);
        Assert.Equal("true", parsed.Envelope.Messaging.GetAttribute("mustUnderstand", As4Namespaces.Soap12));
        Assert.False(string.IsNullOrEmpty(parsed.Envelope.Messaging.GetAttribute("Id", As4Namespaces.Wsu)));
        Assert.False(string.IsNullOrEmpty(parsed.Envelope.Body.GetAttribute("Id", As4Namespaces.Wsu)));
    }
}
