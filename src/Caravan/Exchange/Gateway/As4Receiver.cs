using System.Text.Json;
using Caravan.Common;
using Caravan.Exchange.As4;
using Caravan.Exchange.As4.Compression;
using Caravan.Exchange.As4.Mime;
using Caravan.Exchange.As4.Model;
using Caravan.Exchange.As4.Security;
using Caravan.Exchange.As4.Signals;
using Caravan.Exchange.Audit;
using Caravan.Exchange.Inbox;
using Caravan.Storage;
using Microsoft.Extensions.Logging;

namespace Caravan.Exchange.Gateway;

/// <summary>
/// Processes one inbound AS4 message, in the order the profile requires: read the MIME package and the ebMS
/// header, check the P-Mode (agreement, parties, service and action), decrypt with the node's key, verify the
/// signature over header, body and every attachment against the sender's pinned certificate at the time of
/// receipt, decompress, then, in one transaction (shared with other messages received at the same moment), store it
/// once (duplicate elimination by MessageId), hand it to its business handler, append to the audit chain and store the
/// signed receipt it answers. Any failure answers an ebMS error signal naming the reason and stores nothing but an
/// audit entry of the rejection.
/// </summary>
public sealed partial class As4Receiver(
    NodeContext node,
    CaravanDatabase database,
    InboxStore inbox,
    AuditLog audit,
    IEnumerable<IInboundMessageHandler> handlers,
    TimeProvider time,
    ILogger<As4Receiver> logger)
{
    private const string SoapContentType = "application/soap+xml; charset=utf-8";

    /// <summary>Up to this payload size a received message is stored in a group commit with others.</summary>
    private const long GroupCommitMaxPayload = 256 * 1024;
    private readonly IInboundMessageHandler[] _handlers = handlers.ToArray();

    public async Task<As4Response> ReceiveAsync(Stream body, string contentType, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        var receivedAt = time.GetUtcNow();
        using var read = await As4MessageReader.ReadAsync(body, contentType, cancellationToken).ConfigureAwait(false);
        if (!read.Succeeded)
        {
            var first = read.Errors.FirstOrDefault() ?? new EbmsError(EbmsErrorCode.InvalidHeader, "The message could not be read.");
            return await RejectAsync(null, null, first.Code, first.Description ?? first.Code.ShortDescription, receivedAt, cancellationToken).ConfigureAwait(false);
        }
        var envelope = read.Envelope!;
        if (envelope.PrimaryUnit is not As4UserMessage message)
        {
            return await RejectAsync(envelope.PrimaryUnit.MessageId, null, EbmsErrorCode.FeatureNotSupportedInconsistently,
                $"This endpoint accepts pushed user messages only, not a {envelope.PrimaryUnit.Kind}.", receivedAt, cancellationToken).ConfigureAwait(false);
        }
        var from = message.From.PrimaryId.Value;
        var partner = node.TrustList.FindPartner(from);
        var pmodeProblem = CheckPMode(message, partner is not null);
        if (pmodeProblem is not null)
        {
            return await RejectAsync(message.MessageId, from, pmodeProblem.Code, pmodeProblem.Description!, receivedAt, cancellationToken).ConfigureAwait(false);
        }

        // Decrypt first: AS4 signs the compressed plaintext, then encrypts.
        if (envelope.IsEncrypted)
        {
            var decrypted = await WsEncryption.DecryptAsync(envelope.Document, read.Attachments, node.Identity.Certificate, cancellationToken).ConfigureAwait(false);
            if (!decrypted.Succeeded)
            {
                return await RejectAsync(message.MessageId, from, EbmsErrorCode.FailedDecryption, $"{decrypted.FailureReason}: {decrypted.Detail}", receivedAt, cancellationToken).ConfigureAwait(false);
            }
        }
        else
        {
            return await RejectAsync(message.MessageId, from, EbmsErrorCode.PolicyNoncompliance, "The P-Mode requires the payloads to be encrypted.", receivedAt, cancellationToken).ConfigureAwait(false);
        }

        var verification = await WsSecurityVerifier.VerifyAsync(envelope, read.Attachments,
            new SignatureVerificationOptions { CandidateCertificates = [partner!.Certificate] }, cancellationToken).ConfigureAwait(false);
        if (!verification.Signed)
        {
            return await RejectAsync(message.MessageId, from, EbmsErrorCode.PolicyNoncompliance, "The P-Mode requires a WS-Security signature.", receivedAt, cancellationToken).ConfigureAwait(false);
        }
        if (verification.SignatureValid != true || verification.SigningCertificate is null)
        {
            return await RejectAsync(message.MessageId, from, EbmsErrorCode.FailedAuthentication, verification.FailureReason ?? "The signature does not verify.", receivedAt, cancellationToken).ConfigureAwait(false);
        }
        if (!verification.Coverage.IsComplete)
        {
            return await RejectAsync(message.MessageId, from, EbmsErrorCode.PolicyNoncompliance, "Not everything is signed: " + verification.Coverage.Describe(), receivedAt, cancellationToken).ConfigureAwait(false);
        }
        var trust = node.TrustList.Evaluate(verification.SigningCertificate, receivedAt);
        if (!trust.IsTrusted || trust.Partner?.CountryCode != from)
        {
            var reason = trust.IsTrusted ? $"the signing certificate belongs to {trust.Partner?.CountryCode}, not the sender {from}" : trust.Reason;
            return await RejectAsync(message.MessageId, from, EbmsErrorCode.FailedAuthentication, "Untrusted signer: " + reason, receivedAt, cancellationToken).ConfigureAwait(false);
        }

        foreach (var part in message.PayloadInfo)
        {
            var attachment = read.Attachments.FirstOrDefault(a => a.ContentId == part.ContentId);
            if (attachment is null)
            {
                return await RejectAsync(message.MessageId, from, EbmsErrorCode.MimeInconsistency, $"PartInfo {part.Href} has no MIME part.", receivedAt, cancellationToken).ConfigureAwait(false);
            }
            if (part.IsGzipCompressed)
            {
                var error = await As4Compression.DecompressAsync(attachment, part.MimeType, message.MessageId, cancellationToken).ConfigureAwait(false);
                if (error is not null)
                {
                    return await RejectAsync(message.MessageId, from, error.Code, error.Description ?? "decompression failed", receivedAt, cancellationToken).ConfigureAwait(false);
                }
            }
        }

        if (message.Service == As4Services.TestService && message.Action == As4Services.TestAction)
        {
            // A connectivity test: receipted, not delivered to any business module (eDelivery profile).
            return new As4Response(200, SoapContentType, await SignedReceiptAsync(envelope, receivedAt, cancellationToken).ConfigureAwait(false));
        }
        var handler = _handlers.FirstOrDefault(h => h.Service == message.Service && h.Action == message.Action);
        if (handler is null || read.Attachments.Count != 1 || message.PayloadInfo.Count != 1)
        {
            return await RejectAsync(message.MessageId, from, EbmsErrorCode.ValueNotRecognized,
                handler is null ? $"No business process for service {message.Service} action {message.Action}." : "Caravan messages carry exactly one payload.",
                receivedAt, cancellationToken).ConfigureAwait(false);
        }
        var payload = read.Attachments[0];
        var inbound = new InboundMessage(message.MessageId, from, message.Service, message.Action, message.ConversationId, message.RefToMessageId,
            read.Attachments, verification.SigningCertificate, receivedAt);

        Failure? rejected = null;
        // The receipt depends only on the message: sign it before the transaction, so the commit holds no crypto.
        var receiptBytes = await SignedReceiptAsync(envelope, receivedAt, cancellationToken).ConfigureAwait(false);
        try
        {
            Func<UnitOfWork, CancellationToken, Task<ReadOnlyMemory<byte>>> store = async (unit, ct) =>
            {
                await using var payloadStream = payload.Content.OpenRead();
                var accepted = await inbox.TryAcceptAsync(unit, new InboxMessage
                {
                    MessageId = message.MessageId,
                    FromPartner = from,
                    Service = message.Service,
                    Action = message.Action,
                    ConversationId = message.ConversationId,
                    RefToMessageId = message.RefToMessageId,
                    ReceivedAt = receivedAt,
                    PayloadContentType = payload.ContentType,
                    Status = InboxStatus.Processed,
                }, payloadStream, payload.Content.Length, receiptBytes, ct).ConfigureAwait(false);
                if (accepted.IsDuplicate)
                {
                    LogDuplicate(logger, message.MessageId, from);
                    return accepted.StoredReceipt ?? throw new InvalidOperationException($"Duplicate {message.MessageId} has no stored receipt.");
                }
                var handled = await handler.HandleAsync(inbound, unit, ct).ConfigureAwait(false);
                if (!handled.IsSuccess)
                {
                    throw new HandlerRejectedException(handled.Failure);
                }
                await AppendAsync(unit, AuditKinds.Received, receivedAt, message.MessageId, message.ConversationId,
                    new { from, service = message.Service, action = message.Action, bytes = payload.Content.Length, signer = verification.SigningCertificate.SerialNumber, receipt = "signed receipt returned" }, ct).ConfigureAwait(false);
                // Logged once committed: a group commit that fails runs this work again alone.
                unit.OnCommitted(() => LogReceived(logger, message.MessageId, from, message.Action));
                return receiptBytes;
            };
            // Messages of ordinary size share commits with others received at the same moment (group commit); a large
            // payload streams into a transaction of its own rather than holding up the group.
            var receipt = payload.Content.Length <= GroupCommitMaxPayload
                ? await database.InGroupTransactionAsync(store, cancellationToken).ConfigureAwait(false)
                : await database.InTransactionAsync(store, cancellationToken).ConfigureAwait(false);
            return new As4Response(200, SoapContentType, receipt);
        }
        catch (HandlerRejectedException ex)
        {
            rejected = ex.Failure;
        }
        var code = rejected.Kind switch
        {
            FailureKind.Untrusted => EbmsErrorCode.FailedAuthentication,
            FailureKind.Validation => EbmsErrorCode.ValueInconsistent,
            _ => EbmsErrorCode.Other,
        };
        return await RejectAsync(message.MessageId, from, code, $"{rejected.Code}: {rejected.Message}", receivedAt, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The P-Mode check: our agreement, addressed to this node, from a partner on the trust list.</summary>
    private EbmsError? CheckPMode(As4UserMessage message, bool knownPartner)
    {
        if (message.To.PrimaryId.Value != node.CountryCode)
        {
            return new EbmsError(EbmsErrorCode.ProcessingModeMismatch, $"The message is addressed to {message.To.PrimaryId.Value}, not {node.CountryCode}.", message.MessageId);
        }
        if (!knownPartner)
        {
            return new EbmsError(EbmsErrorCode.FailedAuthentication, $"{message.From.PrimaryId.Value} is not a partner on this node's trust list.", message.MessageId);
        }
        if (message.AgreementRef is not null && message.AgreementRef != As4Services.Agreement)
        {
            return new EbmsError(EbmsErrorCode.ProcessingModeMismatch, $"Unknown agreement {message.AgreementRef}; expected {As4Services.Agreement}.", message.MessageId);
        }
        return null;
    }

    private Task<byte[]> SignedReceiptAsync(As4Envelope received, DateTimeOffset at, CancellationToken cancellationToken) =>
        As4ReceiptBuilder.BuildSignedAsync(received, MessageIds.New(node.CountryCode, at), at, node.Identity.Certificate, cancellationToken);

    private async Task<As4Response> RejectAsync(string? messageId, string? from, EbmsErrorCode code, string description, DateTimeOffset at, CancellationToken cancellationToken)
    {
        LogRejected(logger, messageId ?? "(unreadable)", from ?? "?", code.Code, description);
        await database.InTransactionAsync((unit, ct) => AppendAsync(unit, AuditKinds.Rejected, at, messageId, null,
            new { from, errorCode = code.Code, reason = description }, ct), cancellationToken).ConfigureAwait(false);
        var error = As4ErrorBuilder.Build(MessageIds.New(node.CountryCode, at), at, messageId, code, description);
        await WsSecuritySigner.SignAsync(error, [], node.Identity.Certificate, cancellationToken).ConfigureAwait(false);
        using var output = new MemoryStream();
        XmlHelpers.Save(error, output);
        // ebMS errors travel on an HTTP 200 or 500; a failed message is answered 500 so plain HTTP clients notice.
        return new As4Response(500, SoapContentType, output.ToArray());
    }

    private Task AppendAsync(UnitOfWork unit, string kind, DateTimeOffset at, string? messageId, string? conversationId, object details, CancellationToken cancellationToken) =>
        audit.EnqueueAsync(unit, new AuditEntry
        {
            At = at,
            Actor = $"gateway:{node.CountryCode}",
            Kind = kind,
            MessageId = messageId,
            Subject = conversationId is null ? null : $"conversation:{conversationId}",
            DetailsJson = JsonSerializer.Serialize(details),
        }, cancellationToken);

    private sealed class HandlerRejectedException(Failure failure) : Exception(failure.Message)
    {
        public Failure Failure { get; } = failure;
    }

    [LoggerMessage(EventId = 2101, Level = LogLevel.Debug, Message = "Received {MessageId} from {Partner} ({Action}); signed receipt returned")]
    private static partial void LogReceived(ILogger logger, string messageId, string partner, string action);

    [LoggerMessage(EventId = 2102, Level = LogLevel.Debug, Message = "Duplicate {MessageId} from {Partner}: stored once, same receipt returned")]
    private static partial void LogDuplicate(ILogger logger, string messageId, string partner);

    [LoggerMessage(EventId = 2103, Level = LogLevel.Warning, Message = "Rejected {MessageId} from {Partner} with {ErrorCode}: {Reason}")]
    private static partial void LogRejected(ILogger logger, string messageId, string partner, string errorCode, string reason);
}
