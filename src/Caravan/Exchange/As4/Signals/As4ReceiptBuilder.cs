using System.Xml;
using Caravan.Exchange.As4.Model;

namespace Caravan.Exchange.As4.Signals;

/// <summary>
/// Builds the AS4 receipt for a received user message. When that message was signed, the receipt is a
/// non-repudiation receipt whose ebbp:MessagePartNRInformation items copy the ds:Reference elements of its
/// signature verbatim; otherwise it carries a copy of the eb:UserMessage. Sign the result before sending.
/// </summary>
public static class As4ReceiptBuilder
{
    public static XmlDocument Build(As4Envelope received, string receiptMessageId, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(received);
        var user = received.UserMessage ?? throw new ArgumentException("Receipts acknowledge user messages only.", nameof(received));
        var document = As4EnvelopeSerializer.CreateEnvelope(new As4Receipt(receiptMessageId, timestamp, user.MessageId, []));
        var receipt = (XmlElement)document.GetElementsByTagName("Receipt", As4Namespaces.Ebms)[0]!;
        var signature = received.Security is null ? null : XmlHelpers.FirstChild(received.Security, "Signature", As4Namespaces.Dsig);
        var signedInfo = signature is null ? null : XmlHelpers.FirstChild(signature, "SignedInfo", As4Namespaces.Dsig);
        if (signedInfo is not null)
        {
            var nri = document.CreateElement("ebbp", "NonRepudiationInformation", As4Namespaces.Ebbp);
            foreach (var reference in XmlHelpers.Children(signedInfo, "Reference", As4Namespaces.Dsig))
            {
                var part = document.CreateElement("ebbp", "MessagePartNRInformation", As4Namespaces.Ebbp);
                part.AppendChild(document.ImportNode(reference, deep: true));
                nri.AppendChild(part);
            }
            receipt.AppendChild(nri);
        }
        else
        {
            var original = XmlHelpers.FirstChild(received.Messaging, "UserMessage", As4Namespaces.Ebms);
            if (original is not null)
            {
                receipt.AppendChild(document.ImportNode(original, deep: true));
            }
        }
        return document;
    }
}
