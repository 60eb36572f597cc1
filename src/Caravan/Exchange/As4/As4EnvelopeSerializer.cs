using System.Globalization;
using System.Xml;
using Caravan.Exchange.As4.Model;

namespace Caravan.Exchange.As4;

/// <summary>
/// Builds the SOAP 1.2 envelope for one message unit: eb:Messaging header (S12:mustUnderstand="true", wsu:Id)
/// and a Body with a wsu:Id, ready to be signed.
/// </summary>
public static class As4EnvelopeSerializer
{
    public const string SoapPrefix = "S12";
    public const string EbPrefix = "eb";

    public static XmlDocument CreateEnvelope(As4MessageUnit unit)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var doc = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        var envelope = doc.CreateElement(SoapPrefix, "Envelope", As4Namespaces.Soap12);
        envelope.SetAttribute("xmlns:" + EbPrefix, As4Namespaces.Ebms);
        envelope.SetAttribute("xmlns:wsu", As4Namespaces.Wsu);
        doc.AppendChild(envelope);
        var header = doc.CreateElement(SoapPrefix, "Header", As4Namespaces.Soap12);
        envelope.AppendChild(header);

        var messaging = Eb(doc, "Messaging");
        var mustUnderstand = doc.CreateAttribute(SoapPrefix, "mustUnderstand", As4Namespaces.Soap12);
        mustUnderstand.Value = "true";
        messaging.Attributes.Append(mustUnderstand);
        SetWsuId(messaging, XmlHelpers.NewId("_messaging"));
        header.AppendChild(messaging);

        switch (unit)
        {
            case As4UserMessage user:
                messaging.AppendChild(WriteUserMessage(doc, user));
                break;
            case As4Receipt receipt:
                {
                    var signal = WriteSignal(doc, receipt);
                    var receiptElement = Eb(doc, "Receipt");
                    if (receipt.NonRepudiationReferences.Count > 0)
                    {
                        var nri = doc.CreateElement("ebbp", "NonRepudiationInformation", As4Namespaces.Ebbp);
                        foreach (var reference in receipt.NonRepudiationReferences)
                        {
                            var part = doc.CreateElement("ebbp", "MessagePartNRInformation", As4Namespaces.Ebbp);
                            part.AppendChild(WriteReference(doc, reference));
                            nri.AppendChild(part);
                        }
                        receiptElement.AppendChild(nri);
                    }
                    signal.AppendChild(receiptElement);
                    messaging.AppendChild(signal);
                    break;
                }
            case As4Error error:
                {
                    var signal = WriteSignal(doc, error);
                    foreach (var item in error.Errors)
                    {
                        signal.AppendChild(WriteError(doc, item));
                    }
                    messaging.AppendChild(signal);
                    break;
                }
            case As4PullRequest pull:
                {
                    var signal = WriteSignal(doc, pull);
                    var element = Eb(doc, "PullRequest");
                    element.SetAttribute("mpc", pull.Mpc);
                    signal.AppendChild(element);
                    messaging.AppendChild(signal);
                    break;
                }
            default:
                throw new ArgumentException("Unsupported message unit " + unit.GetType().Name, nameof(unit));
        }

        var body = doc.CreateElement(SoapPrefix, "Body", As4Namespaces.Soap12);
        SetWsuId(body, XmlHelpers.NewId("_body"));
        envelope.AppendChild(body);
        return doc;
    }

    internal static void SetWsuId(XmlElement element, string id)
    {
        var attribute = element.OwnerDocument.CreateAttribute("wsu", "Id", As4Namespaces.Wsu);
        attribute.Value = id;
        element.Attributes.Append(attribute);
    }

    internal static string FormatTimestamp(DateTimeOffset timestamp) =>
        timestamp.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    private static XmlElement Eb(XmlDocument doc, string name) => doc.CreateElement(EbPrefix, name, As4Namespaces.Ebms);

    private static XmlElement EbText(XmlDocument doc, string name, string text)
    {
        var e = Eb(doc, name);
        e.InnerText = text;
        return e;
    }

    private static XmlElement WriteMessageInfo(XmlDocument doc, As4MessageUnit unit)
    {
        var info = Eb(doc, "MessageInfo");
        info.AppendChild(EbText(doc, "Timestamp", FormatTimestamp(unit.Timestamp)));
        info.AppendChild(EbText(doc, "MessageId", unit.MessageId));
        if (unit.RefToMessageId is not null)
        {
            info.AppendChild(EbText(doc, "RefToMessageId", unit.RefToMessageId));
        }
        return info;
    }

    private static XmlElement WriteSignal(XmlDocument doc, As4MessageUnit unit)
    {
        var signal = Eb(doc, "SignalMessage");
        signal.AppendChild(WriteMessageInfo(doc, unit));
        return signal;
    }

    private static XmlElement WriteUserMessage(XmlDocument doc, As4UserMessage user)
    {
        var element = Eb(doc, "UserMessage");
        if (user.Mpc is not null)
        {
            element.SetAttribute("mpc", user.Mpc);
        }
        element.AppendChild(WriteMessageInfo(doc, user));
        var partyInfo = Eb(doc, "PartyInfo");
        partyInfo.AppendChild(WriteParty(doc, "From", user.From));
        partyInfo.AppendChild(WriteParty(doc, "To", user.To));
        element.AppendChild(partyInfo);

        var collaboration = Eb(doc, "CollaborationInfo");
        if (user.AgreementRef is not null)
        {
            var agreement = EbText(doc, "AgreementRef", user.AgreementRef);
            if (user.AgreementRefType is not null)
            {
                agreement.SetAttribute("type", user.AgreementRefType);
            }
            if (user.PModeId is not null)
            {
                agreement.SetAttribute("pmode", user.PModeId);
            }
            collaboration.AppendChild(agreement);
        }
        var service = EbText(doc, "Service", user.Service);
        if (user.ServiceType is not null)
        {
            service.SetAttribute("type", user.ServiceType);
        }
        collaboration.AppendChild(service);
        collaboration.AppendChild(EbText(doc, "Action", user.Action));
        collaboration.AppendChild(EbText(doc, "ConversationId", user.ConversationId));
        element.AppendChild(collaboration);

        if (user.MessageProperties.Count > 0)
        {
            var properties = Eb(doc, "MessageProperties");
            foreach (var property in user.MessageProperties)
            {
                properties.AppendChild(WriteProperty(doc, property));
            }
            element.AppendChild(properties);
        }

        if (user.PayloadInfo.Count > 0)
        {
            var payloadInfo = Eb(doc, "PayloadInfo");
            foreach (var part in user.PayloadInfo)
            {
                var partInfo = Eb(doc, "PartInfo");
                if (part.Href is not null)
                {
                    partInfo.SetAttribute("href", part.Href);
                }
                if (part.Properties.Count > 0)
                {
                    var partProperties = Eb(doc, "PartProperties");
                    foreach (var property in part.Properties)
                    {
                        partProperties.AppendChild(WriteProperty(doc, property));
                    }
                    partInfo.AppendChild(partProperties);
                }
                payloadInfo.AppendChild(partInfo);
            }
            element.AppendChild(payloadInfo);
        }
        return element;
    }

    private static XmlElement WriteParty(XmlDocument doc, string name, As4Party party)
    {
        var element = Eb(doc, name);
        foreach (var id in party.PartyIds)
        {
            var partyId = EbText(doc, "PartyId", id.Value);
            if (id.Type is not null)
            {
                partyId.SetAttribute("type", id.Type);
            }
            element.AppendChild(partyId);
        }
        element.AppendChild(EbText(doc, "Role", party.Role));
        return element;
    }

    private static XmlElement WriteProperty(XmlDocument doc, As4Property property)
    {
        var element = EbText(doc, "Property", property.Value);
        element.SetAttribute("name", property.Name);
        if (property.Type is not null)
        {
            element.SetAttribute("type", property.Type);
        }
        return element;
    }

    private static XmlElement WriteError(XmlDocument doc, EbmsError error)
    {
        var element = Eb(doc, "Error");
        element.SetAttribute("errorCode", error.Code.Code);
        element.SetAttribute("severity", error.Severity);
        element.SetAttribute("category", error.Code.Category);
        element.SetAttribute("shortDescription", error.Code.ShortDescription);
        element.SetAttribute("origin", error.Code.Origin);
        if (error.RefToMessageInError is not null)
        {
            element.SetAttribute("refToMessageInError", error.RefToMessageInError);
        }
        if (error.Description is not null)
        {
            var description = EbText(doc, "Description", error.Description);
            var lang = doc.CreateAttribute("xml", "lang", As4Namespaces.Xml);
            lang.Value = "en";
            description.Attributes.Append(lang);
            element.AppendChild(description);
        }
        if (error.ErrorDetail is not null)
        {
            element.AppendChild(EbText(doc, "ErrorDetail", error.ErrorDetail));
        }
        return element;
    }

    private static XmlElement WriteReference(XmlDocument doc, As4ReceiptReference reference)
    {
        var element = doc.CreateElement("ds", "Reference", As4Namespaces.Dsig);
        element.SetAttribute("URI", reference.Uri);
        var transforms = doc.CreateElement("ds", "Transforms", As4Namespaces.Dsig);
        foreach (var algorithm in reference.Transforms)
        {
            var transform = doc.CreateElement("ds", "Transform", As4Namespaces.Dsig);
            transform.SetAttribute("Algorithm", algorithm);
            transforms.AppendChild(transform);
        }
        if (reference.Transforms.Count > 0)
        {
            element.AppendChild(transforms);
        }
        var digestMethod = doc.CreateElement("ds", "DigestMethod", As4Namespaces.Dsig);
        digestMethod.SetAttribute("Algorithm", reference.DigestMethod);
        element.AppendChild(digestMethod);
        var digestValue = doc.CreateElement("ds", "DigestValue", As4Namespaces.Dsig);
        digestValue.InnerText = reference.DigestValue;
        element.AppendChild(digestValue);
        return element;
    }
}
