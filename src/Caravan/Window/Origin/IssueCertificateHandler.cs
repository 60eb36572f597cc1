using System.Xml;
using Caravan.Common;
using Caravan.Documents.Origin;
using Caravan.Exchange.Gateway;
using Caravan.Storage;
using Caravan.Trust;
using Caravan.Window.Certificates;

namespace Caravan.Window.Origin;

/// <summary>
/// Receives a certificate of origin from a partner: checks the document's own signature (signed by the issuing
/// node, trusted, and the same country as the sender), its schema and business rules, and that it is addressed to
/// this country, then stores it as received. Any failure rejects the message whole.
/// </summary>
public sealed class IssueCertificateHandler(NodeContext node, CertificateStore certificates) : IInboundMessageHandler
{
    public string Service => As4Services.Origin;

    public string Action => As4Services.IssueCertificateAction;

    public async Task<Result<bool>> HandleAsync(InboundMessage message, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(unit);
        if (message.Payloads.Count != 1)
        {
            return Failure.Validation("payload.count", $"An IssueCertificate message carries exactly one payload, not {message.Payloads.Count}.");
        }
        var bytes = await message.Payloads[0].Content.ReadAllBytesAsync(cancellationToken).ConfigureAwait(false);
        var xml = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(bytes), new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null });
            xml.Load(reader);
        }
        catch (XmlException ex)
        {
            return Failure.Validation("document.not_xml", $"The certificate is not well-formed XML: {ex.Message}");
        }
        if (PartnerDocumentCheck.SignedBySender(node.TrustList, XmlDocumentSigner.Verify(xml), message.FromCountry, message.ReceivedAt) is { } untrusted)
        {
            return untrusted;
        }
        var read = CertificateOfOriginXml.Read(xml, CertificateOfOriginStage.Issued);
        if (!read.IsValid)
        {
            return Failure.Validation("document.invalid", "The certificate of origin is invalid: " + string.Join("; ", read.Errors.Take(10)));
        }
        var certificate = read.Document!;
        if (certificate.IssuingCountry?.Value != message.FromCountry)
        {
            return Failure.Validation("document.issuing_country", $"The certificate is issued by {certificate.IssuingCountry} but was sent by {message.FromCountry}.");
        }
        if (certificate.ImportingCountry?.Value != node.CountryCode)
        {
            return Failure.Validation("document.importing_country", $"The certificate is addressed to {certificate.ImportingCountry}, not {node.CountryCode}.");
        }
        if (await certificates.ExistsAsync(message.FromCountry, certificate.CertificateNumber!, unit.Transaction, cancellationToken).ConfigureAwait(false))
        {
            return Failure.Conflict("certificate.exists", $"Certificate {certificate.CertificateNumber} from {message.FromCountry} was already received in another message.");
        }
        var items = new List<NewCertificateItem>();
        foreach (var item in certificate.Items)
        {
            if (!Quantities.TryToMicros(item.Quantity!.Value.Value, out var micros))
            {
                return Failure.Validation("document.quantity_precision", $"Item {item.ItemNumber}: quantities may have at most 6 decimals.");
            }
            items.Add(new NewCertificateItem(item.ItemNumber!.Value, item.HsCode!.Value.ToString(), item.Quantity.Value.Unit, micros));
        }
        await certificates.InsertAsync(new NewCertificate(
            message.FromCountry, certificate.CertificateNumber!, OriginWorkflow.DocumentType, CertificateDirection.Received,
            message.FromCountry, null, null, message.MessageId,
            certificate.IssueDate is { } d ? new DateTimeOffset(d.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero) : message.ReceivedAt,
            items, CertificateOfOriginJson.ToJson(certificate), System.Text.Encoding.UTF8.GetString(bytes)),
            $"gateway:{message.FromCountry}", $"received in message {message.MessageId}", unit.Transaction, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
