using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using Caravan.Exchange.As4;
using Caravan.Exchange.As4.Model;
using Caravan.Exchange.Inbox;
using Caravan.Node.Configuration;
using Caravan.Tests.TestSupport;
using Caravan.Trust;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Tests.Node.Network;

/// <summary>What a node's /as4 endpoint does with genuine, duplicated, tampered and untrusted messages.</summary>
public sealed class GatewayReceiveTests : IAsyncLifetime
{
    private TestNetwork _network = null!;

    public async Task InitializeAsync() =>
        // KZ trusts CN's certificate only until a moment in the past: CN's messages are signed by an expired entry.
        _network = await TestNetwork.StartAsync(["UZ", "KZ", "CN"], configure: o =>
        {
            if (o.Country.Code == "KZ")
            {
                var cn = o.Partners.Single(p => p.Country == "CN");
                cn.TrustedFrom = TimeProvider.System.GetUtcNow().AddDays(-30);
                cn.TrustedUntil = TimeProvider.System.GetUtcNow().AddSeconds(-1);
            }
        });

    public async Task DisposeAsync() => await _network.DisposeAsync();

    private X509Certificate2 IdentityOf(string country) => _network[country].Services.GetRequiredService<NodeIdentity>().Certificate;

    private As4TestMessage FromUz(Action<XmlDocument, As4Attachment>? afterSigning = null, Action<XmlDocument, As4Attachment>? afterEncryption = null, bool encrypt = true, string to = "KZ") => new()
    {
        From = "UZ",
        To = to,
        Signer = IdentityOf("UZ"),
        Recipient = IdentityOf("KZ"),
        AfterSigning = afterSigning,
        AfterEncryption = afterEncryption,
        Encrypt = encrypt,
    };

    private Uri KzEndpoint => new(_network["KZ"].BaseUrl, "as4");

    private async Task<InboxEntry?> KzInboxAsync(string messageId) =>
        await _network["KZ"].Services.GetRequiredService<InboxStore>().GetAsync(messageId, CancellationToken.None);

    private static async Task<As4Error> ExpectErrorAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        using var read = await As4MessageReader.ReadAsync(new MemoryStream(body), response.Content.Headers.ContentType!.ToString(), CancellationToken.None);
        Assert.True(read.Succeeded, "the answer is not a readable AS4 signal: " + Encoding.UTF8.GetString(body));
        return Assert.IsType<As4Error>(read.Envelope!.PrimaryUnit);
    }

    private static async Task<As4Receipt> ExpectReceiptAsync(HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsByteArrayAsync();
        using var read = await As4MessageReader.ReadAsync(new MemoryStream(body), response.Content.Headers.ContentType!.ToString(), CancellationToken.None);
        Assert.True(read.Succeeded, Encoding.UTF8.GetString(body));
        return Assert.IsType<As4Receipt>(read.Envelope!.PrimaryUnit);
    }

    [Fact]
    public async Task GenuineMessage_IsStoredAndReceipted()
    {
        var message = FromUz();
        var (contentType, body) = await message.BuildAsync();
        var response = await As4TestMessage.PostAsync(KzEndpoint, contentType, body);
        var receipt = await ExpectReceiptAsync(response);
        Assert.Equal(message.MessageId, receipt.RefToMessageId);
        Assert.NotEmpty(receipt.NonRepudiationReferences);
        Assert.NotNull(await KzInboxAsync(message.MessageId));
    }

    [Fact]
    public async Task DuplicateMessage_IsStoredOnce_AndAnsweredWithTheSameReceipt()
    {
        var message = FromUz();
        var (contentType, body) = await message.BuildAsync();
        var first = await (await As4TestMessage.PostAsync(KzEndpoint, contentType, body)).Content.ReadAsByteArrayAsync();
        var second = await (await As4TestMessage.PostAsync(KzEndpoint, contentType, body)).Content.ReadAsByteArrayAsync();
        Assert.Equal(first, second);
        var audit = _network["KZ"].Services.GetRequiredService<Caravan.Exchange.Audit.AuditLog>();
        var entries = await audit.ListForMessageAsync(message.MessageId, CancellationToken.None);
        Assert.Single(entries, e => e.Kind == "received");
    }

    [Fact]
    public async Task TamperedHeader_IsRejectedWithFailedAuthentication_AndNothingStored()
    {
        var message = FromUz(afterSigning: (envelope, _) =>
        {
            var conversation = envelope.GetElementsByTagName("ConversationId", "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/")[0]!;
            conversation.InnerText = "forged-conversation";
        });
        var (contentType, body) = await message.BuildAsync();
        var error = await ExpectErrorAsync(await As4TestMessage.PostAsync(KzEndpoint, contentType, body));
        Assert.Equal("EBMS:0101", error.Errors[0].Code.Code);
        Assert.Null(await KzInboxAsync(message.MessageId));
    }

    [Fact]
    public async Task TamperedBody_IsRejectedWithFailedAuthentication_AndNothingStored()
    {
        var message = FromUz(afterSigning: (envelope, _) =>
        {
            var body = envelope.GetElementsByTagName("Body", "http://www.w3.org/2003/05/soap-envelope")[0]!;
            body.AppendChild(envelope.CreateElement("injected"));
        });
        var (contentType, body) = await message.BuildAsync();
        var error = await ExpectErrorAsync(await As4TestMessage.PostAsync(KzEndpoint, contentType, body));
        Assert.Equal("EBMS:0101", error.Errors[0].Code.Code);
        Assert.Null(await KzInboxAsync(message.MessageId));
    }

    [Fact]
    public async Task TamperedAttachment_IsRejectedWithFailedAuthentication_AndNothingStored()
    {
        var message = FromUz(afterSigning: (_, attachment) => As4TestMessage.FlipByte(attachment, 20));
        var (contentType, body) = await message.BuildAsync();
        var error = await ExpectErrorAsync(await As4TestMessage.PostAsync(KzEndpoint, contentType, body));
        Assert.Equal("EBMS:0101", error.Errors[0].Code.Code);
        Assert.Null(await KzInboxAsync(message.MessageId));
    }

    [Fact]
    public async Task TamperedCiphertext_IsRejectedWithFailedDecryption_AndNothingStored()
    {
        var message = FromUz(afterEncryption: (_, attachment) => As4TestMessage.FlipByte(attachment, 30));
        var (contentType, body) = await message.BuildAsync();
        var error = await ExpectErrorAsync(await As4TestMessage.PostAsync(KzEndpoint, contentType, body));
        Assert.Equal("EBMS:0102", error.Errors[0].Code.Code);
        Assert.Null(await KzInboxAsync(message.MessageId));
    }

    [Fact]
    public async Task UnencryptedMessage_IsRejectedAsPolicyNoncompliance()
    {
        var message = FromUz(encrypt: false);
        var (contentType, body) = await message.BuildAsync();
        var error = await ExpectErrorAsync(await As4TestMessage.PostAsync(KzEndpoint, contentType, body));
        Assert.Equal("EBMS:0103", error.Errors[0].Code.Code);
    }

    [Fact]
    public async Task MessageSignedByAnUnknownCertificate_IsRejectedAsUntrusted()
    {
        using var stranger = NodeIdentity.CreateSelfSigned("UZ", "Impostor", TimeProvider.System.GetUtcNow(), TimeSpan.FromDays(30));
        var message = new As4TestMessage { From = "UZ", To = "KZ", Signer = stranger, Recipient = IdentityOf("KZ") };
        var (contentType, body) = await message.BuildAsync();
        var error = await ExpectErrorAsync(await As4TestMessage.PostAsync(KzEndpoint, contentType, body));
        Assert.Equal("EBMS:0101", error.Errors[0].Code.Code);
        Assert.Null(await KzInboxAsync(message.MessageId));
    }

    [Fact]
    public async Task MessageSignedByAnExpiredTrustEntry_IsRejected()
    {
        var message = new As4TestMessage { From = "CN", To = "KZ", Signer = IdentityOf("CN"), Recipient = IdentityOf("KZ") };
        var (contentType, body) = await message.BuildAsync();
        var error = await ExpectErrorAsync(await As4TestMessage.PostAsync(KzEndpoint, contentType, body));
        Assert.Equal("EBMS:0101", error.Errors[0].Code.Code);
        Assert.Contains("expired", error.Errors[0].Description, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MessageSignedByARevokedCertificate_IsRejected()
    {
        using var kzOperator = _network["KZ"].CreateClient();
        await (await kzOperator.PostJsonAsync("api/v1/trust/revocations", new { serial = IdentityOf("UZ").SerialNumber, reason = "key compromise" })).ExpectAsync(201);
        var message = FromUz();
        var (contentType, body) = await message.BuildAsync();
        var error = await ExpectErrorAsync(await As4TestMessage.PostAsync(KzEndpoint, contentType, body));
        Assert.Equal("EBMS:0101", error.Errors[0].Code.Code);
        Assert.Contains("revoked", error.Errors[0].Description, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task MessageAddressedToAnotherCountry_IsAProcessingModeMismatch()
    {
        var message = FromUz(to: "CN");
        var (contentType, body) = await message.BuildAsync();
        var error = await ExpectErrorAsync(await As4TestMessage.PostAsync(KzEndpoint, contentType, body));
        Assert.Equal("EBMS:0010", error.Errors[0].Code.Code);
    }

    [Fact]
    public async Task GarbageBody_IsAnsweredWithAnEbmsError()
    {
        var error = await ExpectErrorAsync(await As4TestMessage.PostAsync(KzEndpoint, "application/soap+xml", Encoding.UTF8.GetBytes("<not-soap/>")));
        Assert.StartsWith("EBMS:", error.Errors[0].Code.Code, StringComparison.Ordinal);
    }
}
