using System.Net;
using System.Net.Http.Headers;
using Caravan.Exchange.As4;
using Caravan.Exchange.As4.Compression;
using Caravan.Exchange.As4.Mime;
using Caravan.Exchange.As4.Model;
using Caravan.Exchange.As4.Security;
using Caravan.Exchange.As4.Signals;
using Caravan.Exchange.Outbox;
using Caravan.Trust;

namespace Caravan.Exchange.Gateway;

/// <summary>
/// Sends one outbox message to a partner as an AS4 user message (one-way push): gzip, WS-Security signature with
/// the node's key, AES-128-GCM encryption for the partner's certificate, streamed as multipart/related. It then
/// checks the synchronous answer: a receipt must be signed by the partner's pinned certificate, refer to our
/// message, and carry NonRepudiationInformation matching the digests we signed.
/// </summary>
public sealed class As4Sender(HttpClient http, NodeContext node, GatewayOptions options, TimeProvider time)
{
    public async Task<SendOutcome> SendAsync(OutboxEntry entry, TrustedPartner partner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentNullException.ThrowIfNull(partner);
        var message = entry.Message;
        using var payload = PayloadContent.FromBytes(message.Payload);
        return await SendAsync(message.MessageId, message.Service, message.Action, message.ConversationId, message.RefToMessageId,
            payload, message.PayloadContentType, partner, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Sends one payload (of any size: file-backed content is streamed, never buffered whole).</summary>
    public async Task<SendOutcome> SendAsync(string messageId, string service, string action, string conversationId, string? refToMessageId,
        PayloadContent payload, string payloadContentType, TrustedPartner partner, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentNullException.ThrowIfNull(partner);
        var contentId = $"payload-1@{node.CountryCode.ToLowerInvariant()}.caravan";
        var userMessage = new As4UserMessage(
            messageId, time.GetUtcNow(), refToMessageId,
            new As4Party(new As4PartyId(node.CountryCode, As4Services.PartyIdType), As4Services.InitiatorRole),
            new As4Party(new As4PartyId(partner.CountryCode, As4Services.PartyIdType), As4Services.ResponderRole),
            service, action, conversationId)
        {
            AgreementRef = As4Services.Agreement,
            MessageProperties =
            [
                new As4Property("originalSender", node.CountryCode),
                new As4Property("finalRecipient", partner.CountryCode),
            ],
            PayloadInfo = [As4PartInfo.ForAttachment(contentId, payloadContentType, gzipCompressed: true)],
        };
        // The attachment owns a view of the caller's payload; compression replaces it with a new (owned) content.
        using var attachment = new As4Attachment(contentId, payloadContentType, new BorrowedPayloadContent(payload));
        using var prepared = await As4MessageWriter.PrepareAsync(new As4OutboundMessage(As4EnvelopeSerializer.CreateEnvelope(userMessage), [attachment])
        {
            UserMessage = userMessage,
            SigningCertificate = node.Identity.Certificate,
            EncryptionCertificate = partner.Certificate,
            EncryptionKeyReuse = options.ContentKeyReuse,
        }, cancellationToken).ConfigureAwait(false);
        using var request = new HttpRequestMessage(HttpMethod.Post, partner.Endpoint) { Content = new As4HttpContent(prepared.Package) };
        using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        var contentType = response.Content.Headers.ContentType?.ToString() ?? "";
        byte[] body;
        await using (var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false))
        {
            using var buffer = new MemoryStream();
            await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
            body = buffer.ToArray();
        }
        if (body.Length == 0)
        {
            return SendOutcome.Retry($"{partner.Endpoint} answered HTTP {(int)response.StatusCode} with no AS4 signal.");
        }
        using var read = await As4MessageReader.ReadAsync(new MemoryStream(body, writable: false), contentType, cancellationToken).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            return response.StatusCode >= HttpStatusCode.InternalServerError
                ? SendOutcome.Retry($"{partner.Endpoint} answered HTTP {(int)response.StatusCode}: {Describe(read.Errors)}")
                : SendOutcome.Retry($"{partner.Endpoint} answered HTTP {(int)response.StatusCode} with an unreadable signal: {Describe(read.Errors)}");
        }
        var signal = read.Envelope!;
        switch (signal.PrimaryUnit)
        {
            case As4Error error:
                var first = error.Errors.FirstOrDefault();
                return SendOutcome.Rejected(first?.Code.Code ?? "EBMS:0004", Describe(error.Errors));
            case As4Receipt receipt:
                return await CheckReceiptAsync(receipt, signal, read.Attachments, messageId, prepared.SignedReferences, partner, body, cancellationToken).ConfigureAwait(false);
            default:
                return SendOutcome.Retry($"{partner.Endpoint} answered with a {signal.PrimaryUnit.Kind}, not a receipt or error.");
        }
    }

    private async Task<SendOutcome> CheckReceiptAsync(As4Receipt receipt, As4Envelope signal, IReadOnlyList<As4Attachment> attachments, string messageId,
        IReadOnlyList<As4ReceiptReference> signedReferences, TrustedPartner partner, byte[] body, CancellationToken cancellationToken)
    {
        if (receipt.RefToMessageId != messageId)
        {
            return SendOutcome.Retry($"The receipt refers to {receipt.RefToMessageId}, not {messageId}.");
        }
        var verification = await WsSecurityVerifier.VerifyAsync(signal, attachments,
            new SignatureVerificationOptions { CandidateCertificates = [partner.Certificate] }, cancellationToken).ConfigureAwait(false);
        if (verification.SignatureValid != true || verification.SigningCertificate is null)
        {
            return SendOutcome.Retry($"The receipt's signature is not valid: {verification.FailureReason}");
        }
        var trust = node.TrustList.Evaluate(verification.SigningCertificate, time.GetUtcNow());
        if (!trust.IsTrusted || trust.Partner?.CountryCode != partner.CountryCode)
        {
            return SendOutcome.Retry($"The receipt is not signed by {partner.CountryCode}'s trusted certificate: {trust.Reason}");
        }
        // Non-repudiation: the receipt must name every part we signed, with the digest we computed.
        var check = As4ReceiptVerifier.Check(receipt, messageId, signedReferences);
        if (!check.Valid)
        {
            return SendOutcome.Retry("The receipt does not prove receipt of what we sent: " + string.Join("; ", check.Problems));
        }
        return SendOutcome.Delivered(body, $"signed receipt {receipt.MessageId}");
    }

    private static string Describe(IReadOnlyList<EbmsError> errors) =>
        errors.Count == 0 ? "no detail" : string.Join("; ", errors.Select(e => $"{e.Code.Code} {e.Code.ShortDescription}: {e.Description}"));

    /// <summary>Writes the MIME message straight into the request stream, so large payloads are never buffered whole.</summary>
    private sealed class As4HttpContent : HttpContent
    {
        private readonly As4MimePackage _package;

        public As4HttpContent(As4MimePackage package)
        {
            _package = package;
            Headers.ContentType = MediaTypeHeaderValue.Parse(package.ContentType);
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            _package.WriteToAsync(stream, CancellationToken.None);

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
            _package.WriteToAsync(stream, cancellationToken);

        protected override bool TryComputeLength(out long length)
        {
            length = -1;
            return false;
        }
    }
}
