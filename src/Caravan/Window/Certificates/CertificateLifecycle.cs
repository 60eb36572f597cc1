using Caravan.Common;
using Caravan.Exchange.Gateway;
using Caravan.Exchange.Outbox;
using Caravan.Storage;

namespace Caravan.Window.Certificates;

/// <summary>
/// Status changes of held certificates, whatever their type, and the business responses that keep both sides in
/// step. The importing side accepts, rejects, uses and acquits; the issuing side revokes and replaces. Each change is
/// recorded in the history and, in the same transaction, queued as a <see cref="CertificateStatusNotice"/> for the
/// other node; <see cref="ApplyNoticeAsync"/> applies a partner's notice to our copy after checking that the partner
/// is the side entitled to make that change.
/// </summary>
public sealed class CertificateLifecycle(NodeContext node, CertificateStore certificates, OutboxStore outbox, TimeProvider time)
{
    public sealed record UseRequest(string DeclarationNumber, IReadOnlyList<ItemDrawdown> Items);

    public sealed record ReasonRequest(string? Reason);

    /// <summary>Customs on the importing side uses a received certificate against an import declaration, all or nothing.</summary>
    public async Task<Result<CertificateView>> RecordUseAsync(string actor, string issuingCountry, string number, UseRequest request, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(unit);
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(request.DeclarationNumber) || request.DeclarationNumber.Length > 70)
        {
            errors.Add(new FieldError("declarationNumber", "required", "declarationNumber is required (at most 70 characters)."));
        }
        if (request.Items is not { Count: > 0 })
        {
            errors.Add(new FieldError("items", "required", "items must list at least one item with its quantity."));
        }
        else if (request.Items.GroupBy(i => i.ItemNumber).Any(g => g.Count() > 1))
        {
            errors.Add(new FieldError("items", "items.duplicate", "Each item number may appear once."));
        }
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }
        var certificate = await ReceivedAsync(issuingCountry, number, unit, cancellationToken).ConfigureAwait(false);
        if (!certificate.IsSuccess)
        {
            return certificate.Failure;
        }
        if (CertificateTransitions.IsFinal(CertificateStatusNames.Parse(certificate.Value.Status)) || certificate.Value.Status == "utilized")
        {
            return Failure.Conflict("certificate.not_usable", $"Certificate {number} is {certificate.Value.Status} and cannot be used.");
        }
        var now = time.GetUtcNow();
        var utilization = new UtilizationDetails("use_" + Guid.CreateVersion7(now).ToString("N"), request.DeclarationNumber, request.Items);
        var changed = await DrawDownAsync(certificate.Value, utilization, now, actor, $"declaration {request.DeclarationNumber}", unit, cancellationToken).ConfigureAwait(false);
        if (!changed.IsSuccess)
        {
            return changed.Failure;
        }
        return await NotifyAsync(certificate.Value, changed.Value, now, null, utilization, null, unit, cancellationToken).ConfigureAwait(false);
    }

    public Task<Result<CertificateView>> AcceptAsync(string actor, string issuingCountry, string number, string? reason, UnitOfWork unit, CancellationToken cancellationToken) =>
        ImporterDecisionAsync(actor, issuingCountry, number, CertificateStatus.Accepted, reason, unit, cancellationToken);

    public Task<Result<CertificateView>> RejectAsync(string actor, string issuingCountry, string number, string? reason, UnitOfWork unit, CancellationToken cancellationToken) =>
        string.IsNullOrWhiteSpace(reason)
            ? Task.FromResult<Result<CertificateView>>(Failure.Validation([new FieldError("reason", "required", "A rejection needs a reason the issuer can act on.")]))
            : ImporterDecisionAsync(actor, issuingCountry, number, CertificateStatus.Rejected, reason, unit, cancellationToken);

    /// <summary>The importing agency records that it inspected the consignment the certificate covers (before accepting or rejecting it).</summary>
    public Task<Result<CertificateView>> InspectAsync(string actor, string issuingCountry, string number, string? reason, UnitOfWork unit, CancellationToken cancellationToken) =>
        ImporterDecisionAsync(actor, issuingCountry, number, CertificateStatus.Inspected, reason, unit, cancellationToken);

    public Task<Result<CertificateView>> AcquitAsync(string actor, string issuingCountry, string number, string? reason, UnitOfWork unit, CancellationToken cancellationToken) =>
        ImporterDecisionAsync(actor, issuingCountry, number, CertificateStatus.Acquitted, reason, unit, cancellationToken);

    /// <summary>The issuing authority revokes a certificate it issued; the importing node learns it at once.</summary>
    public async Task<Result<CertificateView>> RevokeAsync(string actor, string number, string? reason, UnitOfWork unit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return Failure.Validation([new FieldError("reason", "required", "A revocation needs a reason.")]);
        }
        return await IssuerDecisionAsync(actor, number, CertificateStatus.Revoked, reason, null, unit, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks an issued certificate replaced by <paramref name="replacedBy"/> (already issued and queued by its type's workflow).</summary>
    public Task<Result<CertificateView>> MarkReplacedAsync(string actor, string number, string replacedBy, string? reason, UnitOfWork unit, CancellationToken cancellationToken) =>
        IssuerDecisionAsync(actor, number, CertificateStatus.Replaced, reason ?? $"replaced by {replacedBy}", replacedBy, unit, cancellationToken);

    /// <summary>Applies a partner's notice to our copy, if the partner is the side entitled to that change.</summary>
    public async Task<Result<bool>> ApplyNoticeAsync(string fromCountry, CertificateStatusNotice notice, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(notice);
        ArgumentNullException.ThrowIfNull(unit);
        var status = CertificateStatusNames.Parse(notice.Status);
        var certificate = await certificates.FindAsync(notice.IssuingCountry, notice.CertificateNumber, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false);
        if (certificate is null)
        {
            return Failure.NotFound("certificate.not_found", $"Certificate {notice.CertificateNumber} of {notice.IssuingCountry} is not held here.");
        }
        var entitled = CertificateTransitions.IsImporterDecision(status)
            ? certificate.Direction == CertificateDirection.Issued && certificate.PartnerCountry == fromCountry
            : CertificateTransitions.IsIssuerDecision(status) && certificate.Direction == CertificateDirection.Received && certificate.IssuingCountry == fromCountry;
        if (!entitled)
        {
            return Failure.Forbidden("notice.not_entitled", $"{fromCountry} may not set certificate {notice.CertificateNumber} to {notice.Status}.");
        }
        var actor = CertificateTransitions.IsImporterDecision(status) ? $"customs:{fromCountry}" : $"issuer:{fromCountry}";
        if (CertificateTransitions.IsImporterDecision(status) && CertificateStatusNames.Parse(certificate.Status) == CertificateStatus.Issued)
        {
            // The partner's signed business response proves the certificate arrived: its receipt may simply not be
            // recorded yet (the delivery worker settles receipts in groups, a moment after they come back). Record the
            // delivery first, so the history never jumps from issued to an importer's decision; the receipt, when it is
            // settled, then finds the certificate past sent and changes nothing.
            await certificates.ChangeStatusAsync(certificate.IssuingCountry, certificate.Number, CertificateStatus.Sent, notice.At, $"gateway:{node.CountryCode}",
                $"delivery shown by {fromCountry}'s notice, before its signed receipt was recorded", unit.Transaction, cancellationToken).ConfigureAwait(false);
        }
        if (notice.Utilization is { } utilization)
        {
            var drawn = await DrawDownAsync(certificate, utilization, notice.At, actor, $"declaration {utilization.DeclarationNumber} in {fromCountry}", unit, cancellationToken).ConfigureAwait(false);
            return drawn.IsSuccess ? true : drawn.Failure;
        }
        var changed = await certificates.ChangeStatusAsync(certificate.IssuingCountry, certificate.Number, status, notice.At, actor,
            notice.Reason ?? (notice.ReplacedBy is { } by ? $"replaced by {by}" : null), unit.Transaction, cancellationToken).ConfigureAwait(false);
        return changed.IsSuccess ? true : changed.Failure;
    }

    private async Task<Result<CertificateView>> ImporterDecisionAsync(string actor, string issuingCountry, string number, CertificateStatus status, string? reason, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var certificate = await ReceivedAsync(issuingCountry, number, unit, cancellationToken).ConfigureAwait(false);
        if (!certificate.IsSuccess)
        {
            return certificate.Failure;
        }
        var now = time.GetUtcNow();
        var changed = await certificates.ChangeStatusAsync(issuingCountry, number, status, now, actor, reason, unit.Transaction, cancellationToken).ConfigureAwait(false);
        if (!changed.IsSuccess)
        {
            return changed.Failure;
        }
        return await NotifyAsync(certificate.Value, status, now, reason, null, null, unit, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Result<CertificateView>> IssuerDecisionAsync(string actor, string number, CertificateStatus status, string? reason, string? replacedBy, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var certificate = await certificates.FindAsync(node.CountryCode, number, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false);
        if (certificate is null || certificate.Direction != CertificateDirection.Issued
            || (certificate.IssuedByPartyId is { } issuer && issuer != actor && status == CertificateStatus.Revoked))
        {
            // Only the party that issued a certificate may revoke it; anyone else is told it does not exist.
            return Failure.NotFound("certificate.not_found", $"Certificate {number} was not issued here by {actor}.");
        }
        var now = time.GetUtcNow();
        var changed = await certificates.ChangeStatusAsync(node.CountryCode, number, status, now, actor, reason, unit.Transaction, cancellationToken).ConfigureAwait(false);
        if (!changed.IsSuccess)
        {
            return changed.Failure;
        }
        return await NotifyAsync(certificate, status, now, reason, null, replacedBy, unit, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Result<CertificateStatus>> DrawDownAsync(CertificateView certificate, UtilizationDetails utilization, DateTimeOffset at, string actor, string reason, UnitOfWork unit, CancellationToken cancellationToken)
    {
        var drawn = await certificates.DrawDownAsync(certificate.IssuingCountry, certificate.Number, utilization.DeclarationNumber, utilization.Items, utilization.UtilizationId,
            at, actor, unit.Transaction, cancellationToken).ConfigureAwait(false);
        if (!drawn.IsSuccess)
        {
            return drawn.Failure;
        }
        var status = drawn.Value.All(i => i.Remaining == 0) ? CertificateStatus.Utilized : CertificateStatus.PartiallyUtilized;
        return await certificates.ChangeStatusAsync(certificate.IssuingCountry, certificate.Number, status, at, actor, reason, unit.Transaction, cancellationToken).ConfigureAwait(false);
    }

    private async Task<Result<CertificateView>> ReceivedAsync(string issuingCountry, string number, UnitOfWork unit, CancellationToken cancellationToken)
    {
        var certificate = await certificates.FindAsync(issuingCountry, number, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false);
        return certificate is null || certificate.Direction != CertificateDirection.Received
            ? Failure.NotFound("certificate.not_found", $"No certificate {number} from {issuingCountry} has been received here.")
            : certificate;
    }

    private async Task<Result<CertificateView>> NotifyAsync(CertificateView certificate, CertificateStatus status, DateTimeOffset at, string? reason,
        UtilizationDetails? utilization, string? replacedBy, UnitOfWork unit, CancellationToken cancellationToken)
    {
        var notice = new CertificateStatusNotice(certificate.IssuingCountry, certificate.Number, certificate.DocumentType, status.ToName(), at, reason, utilization, replacedBy);
        var partner = certificate.Direction == CertificateDirection.Issued ? certificate.PartnerCountry : certificate.IssuingCountry;
        await outbox.EnqueueAsync(unit, new OutboxMessage
        {
            MessageId = MessageIds.New(node.CountryCode, at),
            Partner = partner,
            Service = As4Services.Certificates,
            Action = As4Services.CertificateStatusNoticeAction,
            ConversationId = certificate.Number,
            RefToMessageId = certificate.MessageId,
            Payload = notice.ToUtf8Bytes(),
            PayloadContentType = "application/json",
            CreatedAt = at,
        }, cancellationToken).ConfigureAwait(false);
        return (await certificates.FindAsync(certificate.IssuingCountry, certificate.Number, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false))!;
    }
}
