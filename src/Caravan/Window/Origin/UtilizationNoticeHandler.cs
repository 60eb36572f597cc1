using Caravan.Common;
using Caravan.Exchange.Gateway;
using Caravan.Storage;
using Caravan.Window.Certificates;

namespace Caravan.Window.Origin;

/// <summary>
/// Receives a utilization notice for a certificate this node issued: applies the same drawdown and status to the
/// issuer's copy, so both sides show the same balances and history. Only the country the certificate was sent to
/// may report its use.
/// </summary>
public sealed class UtilizationNoticeHandler(NodeContext node, CertificateStore certificates) : IInboundMessageHandler
{
    public string Service => As4Services.Origin;

    public string Action => As4Services.UtilizationNoticeAction;

    public async Task<Result<bool>> HandleAsync(InboundMessage message, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(unit);
        if (message.Payloads.Count != 1)
        {
            return Failure.Validation("payload.count", $"A UtilizationNotice carries exactly one payload, not {message.Payloads.Count}.");
        }
        var bytes = await message.Payloads[0].Content.ReadAllBytesAsync(cancellationToken).ConfigureAwait(false);
        var notice = UtilizationNotice.TryParse(bytes, out var error);
        if (notice is null)
        {
            return Failure.Validation("notice.invalid", error!);
        }
        if (notice.IssuingCountry != node.CountryCode || notice.ImportingCountry != message.FromCountry)
        {
            return Failure.Validation("notice.parties", $"The notice concerns {notice.IssuingCountry}'s certificate used in {notice.ImportingCountry}, but came from {message.FromCountry} to {node.CountryCode}.");
        }
        var certificate = await certificates.FindAsync(node.CountryCode, notice.CertificateNumber, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false);
        if (certificate is null || certificate.Direction != CertificateDirection.Issued)
        {
            return Failure.NotFound("certificate.not_found", $"Certificate {notice.CertificateNumber} was not issued by {node.CountryCode}.");
        }
        if (certificate.PartnerCountry != message.FromCountry)
        {
            return new Failure(FailureKind.Forbidden, "notice.not_destination", $"Certificate {notice.CertificateNumber} was sent to {certificate.PartnerCountry}, not {message.FromCountry}.");
        }
        var actor = $"customs:{message.FromCountry}";
        var drawn = await certificates.DrawDownAsync(node.CountryCode, notice.CertificateNumber, notice.DeclarationNumber,
            notice.Items.Select(i => new ItemDrawdown(i.ItemNumber, i.Quantity)).ToList(), notice.UtilizationId, notice.At, actor,
            unit.Transaction, cancellationToken).ConfigureAwait(false);
        if (!drawn.IsSuccess)
        {
            return drawn.Failure;
        }
        var status = drawn.Value.All(i => i.Remaining == 0) ? CertificateStatus.Utilized : CertificateStatus.PartiallyUtilized;
        var changed = await certificates.ChangeStatusAsync(node.CountryCode, notice.CertificateNumber, status, message.ReceivedAt, actor,
            $"declaration {notice.DeclarationNumber} in {message.FromCountry}", unit.Transaction, cancellationToken).ConfigureAwait(false);
        return changed.IsSuccess ? true : changed.Failure;
    }
}
