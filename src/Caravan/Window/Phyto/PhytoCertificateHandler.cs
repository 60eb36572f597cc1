using Caravan.Common;
using Caravan.Documents.Phyto;
using Caravan.Exchange.Gateway;
using Caravan.Storage;
using Caravan.Trust;
using Caravan.Window.Certificates;

namespace Caravan.Window.Phyto;

/// <summary>
/// Receives an ePhyto from the exporting country's node: the certificate's own signature must be valid and made by
/// that country's trusted node, the SPSCertificate must pass the hub schema and the ePhyto rules, it must be exported
/// by the sender and addressed to this country. It is then stored as received (with its hub envelope header) for the
/// importing NPPO to inspect, accept or reject. Any failure rejects the message whole.
/// </summary>
public sealed class PhytoCertificateHandler(NodeContext node, CertificateStore certificates) : IInboundMessageHandler
{
    public string Service => As4Services.Phyto;

    public string Action => As4Services.IssueCertificateAction;

    public async Task<Result<bool>> HandleAsync(InboundMessage message, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(unit);
        if (message.Payloads.Count != 1)
        {
            return Failure.Validation("payload.count", $"An ePhyto message carries exactly one payload, not {message.Payloads.Count}.");
        }
        var bytes = await message.Payloads[0].Content.ReadAllBytesAsync(cancellationToken).ConfigureAwait(false);
        var verified = PhytoSigning.Verify(bytes);
        if (PartnerDocumentCheck.SignedBySender(node.TrustList, verified.Signature, message.FromCountry, message.ReceivedAt) is { } untrusted)
        {
            return untrusted;
        }
        if (!verified.Document.IsValid)
        {
            return Failure.Validation("document.invalid", "The ePhyto is invalid: " + string.Join("; ", verified.Document.Errors.Take(10)));
        }
        var certificate = verified.Document.Document!;
        var number = certificate.Document!.Id!;
        if (certificate.Consignment!.ExportCountry?.Id?.Value != message.FromCountry)
        {
            return Failure.Validation("document.export_country", $"The ePhyto is for an export from {certificate.Consignment.ExportCountry?.Id} but was sent by {message.FromCountry}.");
        }
        if (certificate.Consignment.ImportCountry?.Id?.Value != node.CountryCode)
        {
            return Failure.Validation("document.import_country", $"The ePhyto is addressed to {certificate.Consignment.ImportCountry?.Id}, not {node.CountryCode}.");
        }
        if (await certificates.ExistsAsync(message.FromCountry, number, unit.Transaction, cancellationToken).ConfigureAwait(false))
        {
            return Failure.Conflict("certificate.exists", $"ePhyto {number} from {message.FromCountry} was already received in another message.");
        }
        var items = PhytoWorkflow.ItemsOf(certificate, out var tooPrecise);
        if (items is null)
        {
            return Failure.Validation("document.quantity_precision", $"Item {tooPrecise!.SequenceNumber}: quantities may have at most 6 decimals.");
        }
        var envelope = EphytoEnvelope.FromCertificate(certificate, out _)!;
        var issuedAt = certificate.Document.IssueDateTime is { } at && at.Offset is { } offset
            ? new DateTimeOffset(at.Date.ToDateTime(at.Time ?? TimeOnly.MinValue), offset)
            : message.ReceivedAt;
        await certificates.InsertAsync(new NewCertificate(
            message.FromCountry, number, PhytoWorkflow.DocumentType, CertificateDirection.Received, message.FromCountry, null, null, message.MessageId,
            issuedAt, items, PhytoJson.ToJson(certificate), System.Text.Encoding.UTF8.GetString(bytes))
        {
            EnvelopeJson = System.Text.Json.JsonSerializer.Serialize(envelope, PhytoJsonContext.Default.EphytoEnvelope),
        }, $"gateway:{message.FromCountry}", $"received in message {message.MessageId}", unit.Transaction, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
