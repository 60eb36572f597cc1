using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using Caravan.Exchange.As4;
using Caravan.Exchange.As4.Compression;
using Caravan.Exchange.As4.Mime;
using Caravan.Exchange.As4.Model;
using Caravan.Exchange.As4.Security;
using Caravan.Exchange.Gateway;

namespace Caravan.Tests.TestSupport;

/// <summary>
/// Builds the wire bytes of an AS4 user message the way a partner node would (gzip, sign, encrypt, MIME), with hooks
/// to tamper with it between the steps, so network tests can post crafted messages to a node's /as4 endpoint.
/// </summary>
public sealed class As4TestMessage
{
    public required string From { get; init; }

    public required string To { get; init; }

    public required X509Certificate2 Signer { get; init; }

    public required X509Certificate2 Recipient { get; init; }

    public string MessageId { get; init; } = $"{Guid.NewGuid():N}@test.caravan";

    public string Service { get; init; } = As4Services.Documents;

    public string Action { get; init; } = As4Services.DeliverDocumentAction;

    public string ConversationId { get; init; } = "test-conversation";

    public byte[] Payload { get; init; } = Encoding.UTF8.GetBytes("<document>test</document>");

    public string PayloadContentType { get; init; } = "application/xml";

    public bool Encrypt { get; init; } = true;

    /// <summary>Runs after signing and before encryption (tamper with the header, body or plaintext attachment here).</summary>
    public Action<XmlDocument, As4Attachment>? AfterSigning { get; init; }

    /// <summary>Runs after encryption (tamper with the ciphertext here).</summary>
    public Action<XmlDocument, As4Attachment>? AfterEncryption { get; init; }

    public async Task<(string ContentType, byte[] Body)> BuildAsync()
    {
        var contentId = "payload-1@test.caravan";
        var message = new As4UserMessage(MessageId, TimeProvider.System.GetUtcNow(), null,
            new As4Party(new As4PartyId(From, As4Services.PartyIdType), As4Services.InitiatorRole),
            new As4Party(new As4PartyId(To, As4Services.PartyIdType), As4Services.ResponderRole),
            Service, Action, ConversationId)
        {
            AgreementRef = As4Services.Agreement,
            PayloadInfo = [As4PartInfo.ForAttachment(contentId, PayloadContentType, gzipCompressed: true)],
        };
        var envelope = As4EnvelopeSerializer.CreateEnvelope(message);
        using var attachment = new As4Attachment(contentId, PayloadContentType, PayloadContent.FromBytes(Payload));
        await As4Compression.CompressAsync(attachment, CancellationToken.None);
        await WsSecuritySigner.SignAsync(envelope, [attachment], Signer, CancellationToken.None);
        AfterSigning?.Invoke(envelope, attachment);
        if (Encrypt)
        {
            await WsEncryption.EncryptAsync(envelope, [attachment], Recipient, CancellationToken.None);
        }
        AfterEncryption?.Invoke(envelope, attachment);
        using var package = As4MimeWriter.Package(envelope, [attachment]);
        using var output = new MemoryStream();
        await package.WriteToAsync(output, CancellationToken.None);
        return (package.ContentType, output.ToArray());
    }

    /// <summary>Replaces the attachment's content with a copy whose byte at <paramref name="index"/> is flipped.</summary>
    public static void FlipByte(As4Attachment attachment, int index)
    {
        var bytes = attachment.Content.ReadAllBytesAsync(CancellationToken.None).GetAwaiter().GetResult();
        bytes[index % bytes.Length] ^= 0x01;
        attachment.ReplaceContent(PayloadContent.FromBytes(bytes));
    }

    public static async Task<HttpResponseMessage> PostAsync(Uri endpoint, string contentType, byte[] body)
    {
        using var client = new HttpClient();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(contentType);
        return await client.PostAsync(endpoint, content);
    }
}
