using System.Globalization;
using System.Xml;
using Caravan.Exchange.As4.Model;

namespace Caravan.Exchange.As4;

/// <summary>
/// Reads the eb:Messaging header of a SOAP 1.2 envelope into typed message units. Malformed input is reported
/// as ebMS errors (EBMS:0009 InvalidHeader for structure, EBMS:0001 for unrecognised values, EBMS:0003 for
/// inconsistent ones), never as exceptions.
/// </summary>
public static class As4EnvelopeParser
{
    /// <summary>Loads XML from <paramref name="stream"/> (DTDs prohibited) and parses it.</summary>
    public static As4EnvelopeParseResult Parse(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        XmlDocument document;
        try
        {
            document = XmlHelpers.Load(stream);
        }
        catch (XmlException ex)
        {
            return As4EnvelopeParseResult.Fail(EbmsErrorCode.InvalidHeader, "The SOAP envelope is not well-formed XML: " + ex.Message);
        }
        return Parse(document);
    }

    public static As4EnvelopeParseResult Parse(XmlDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.DocumentElement;
        if (root is null || root.LocalName != "Envelope")
        {
            return As4EnvelopeParseResult.Fail(EbmsErrorCode.InvalidHeader, "The document is not a SOAP envelope.");
        }
        if (root.NamespaceURI == As4Namespaces.Soap11)
        {
            return As4EnvelopeParseResult.Fail(EbmsErrorCode.InvalidHeader, "SOAP 1.1 envelopes are not accepted; the AS4 profile uses SOAP 1.2.");
        }
        if (root.NamespaceURI != As4Namespaces.Soap12)
        {
            return As4EnvelopeParseResult.Fail(EbmsErrorCode.InvalidHeader, "The root element is not a SOAP 1.2 Envelope (namespace " + root.NamespaceURI + ").");
        }
        var header = XmlHelpers.FirstChild(root, "Header", As4Namespaces.Soap12);
        var body = XmlHelpers.FirstChild(root, "Body", As4Namespaces.Soap12);
        if (header is null)
        {
            return As4EnvelopeParseResult.Fail(EbmsErrorCode.InvalidHeader, "The SOAP envelope has no Header.");
        }
        if (body is null)
        {
            return As4EnvelopeParseResult.Fail(EbmsErrorCode.InvalidHeader, "The SOAP envelope has no Body.");
        }
        var messagingHeaders = XmlHelpers.Children(header, "Messaging", As4Namespaces.Ebms).ToList();
        if (messagingHeaders.Count == 0)
        {
            return As4EnvelopeParseResult.Fail(EbmsErrorCode.InvalidHeader, "The SOAP header has no eb:Messaging element.");
        }
        if (messagingHeaders.Count > 1)
        {
            return As4EnvelopeParseResult.Fail(EbmsErrorCode.InvalidHeader, "The SOAP header has more than one eb:Messaging element.");
        }
        var messaging = messagingHeaders[0];
        var security = FindSecurityHeader(header);

        var errors = new List<EbmsError>();
        var units = new List<As4MessageUnit>();
        foreach (var child in XmlHelpers.ChildElements(messaging))
        {
            if (child.NamespaceURI != As4Namespaces.Ebms)
            {
                continue;
            }
            As4MessageUnit? unit = child.LocalName switch
            {
                "UserMessage" => ParseUserMessage(child, errors),
                "SignalMessage" => ParseSignal(child, errors),
                _ => null,
            };
            if (unit is not null)
            {
                units.Add(unit);
            }
        }
        if (errors.Count > 0)
        {
            return new As4EnvelopeParseResult(null, errors);
        }
        if (units.Count == 0)
        {
            return As4EnvelopeParseResult.Fail(EbmsErrorCode.InvalidHeader, "eb:Messaging contains no UserMessage or SignalMessage.");
        }
        return new As4EnvelopeParseResult(new As4Envelope(document, messaging, body, security, units), []);
    }

    private static XmlElement? FindSecurityHeader(XmlElement header)
    {
        XmlElement? fallback = null;
        foreach (var security in XmlHelpers.Children(header, "Security", As4Namespaces.Wsse))
        {
            var role = security.GetAttributeNode("role", As4Namespaces.Soap12)?.Value;
            if (role is null || role == "http://www.w3.org/2003/05/soap-envelope/role/ultimateReceiver")
            {
                return security;
            }
            fallback ??= security;
        }
        return fallback;
    }

    private static (string? MessageId, DateTimeOffset Timestamp, string? RefTo) ParseMessageInfo(XmlElement unit, List<EbmsError> errors)
    {
        var info = XmlHelpers.FirstChild(unit, "MessageInfo", As4Namespaces.Ebms);
        if (info is null)
        {
            errors.Add(new EbmsError(EbmsErrorCode.InvalidHeader, unit.LocalName + " has no eb:MessageInfo."));
            return (null, default, null);
        }
        var messageId = Required(info, "MessageId", errors);
        var refTo = Optional(info, "RefToMessageId");
        var timestampText = Required(info, "Timestamp", errors);
        var timestamp = default(DateTimeOffset);
        if (timestampText is not null && !TryParseTimestamp(timestampText, out timestamp))
        {
            errors.Add(new EbmsError(EbmsErrorCode.InvalidHeader, "eb:Timestamp '" + timestampText + "' is not an xs:dateTime.", messageId));
        }
        return (messageId, timestamp, refTo);
    }

    internal static bool TryParseTimestamp(string text, out DateTimeOffset timestamp) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out timestamp);

    private static string? Required(XmlElement parent, string name, List<EbmsError> errors)
    {
        var element = XmlHelpers.FirstChild(parent, name, As4Namespaces.Ebms);
        var text = element is null ? null : XmlHelpers.Text(element);
        if (string.IsNullOrEmpty(text))
        {
            errors.Add(new EbmsError(EbmsErrorCode.InvalidHeader, "eb:" + parent.LocalName + " has no eb:" + name + "."));
            return null;
        }
        return text;
    }

    private static string? Optional(XmlElement parent, string name)
    {
        var element = XmlHelpers.FirstChild(parent, name, As4Namespaces.Ebms);
        var text = element is null ? null : XmlHelpers.Text(element);
        return string.IsNullOrEmpty(text) ? null : text;
    }

    private static As4UserMessage? ParseUserMessage(XmlElement element, List<EbmsError> errors)
    {
        var before = errors.Count;
        var (messageId, timestamp, refTo) = ParseMessageInfo(element, errors);
        var partyInfo = XmlHelpers.FirstChild(element, "PartyInfo", As4Namespaces.Ebms);
        As4Party? from = null, to = null;
        if (partyInfo is null)
        {
            errors.Add(new EbmsError(EbmsErrorCode.InvalidHeader, "eb:UserMessage has no eb:PartyInfo.", messageId));
        }
        else
        {
            from = ParseParty(partyInfo, "From", messageId, errors);
            to = ParseParty(partyInfo, "To", messageId, errors);
        }
        var collaboration = XmlHelpers.FirstChild(element, "CollaborationInfo", As4Namespaces.Ebms);
        string? service = null, serviceType = null, action = null, conversationId = null, agreement = null, agreementType = null, pmode = null;
        if (collaboration is null)
        {
            errors.Add(new EbmsError(EbmsErrorCode.InvalidHeader, "eb:UserMessage has no eb:CollaborationInfo.", messageId));
        }
        else
        {
            var serviceElement = XmlHelpers.FirstChild(collaboration, "Service", As4Namespaces.Ebms);
            service = Required(collaboration, "Service", errors);
            serviceType = serviceElement is null ? null : XmlHelpers.Attr(serviceElement, "type");
            action = Required(collaboration, "Action", errors);
            conversationId = Optional(collaboration, "ConversationId") ?? string.Empty;
            var agreementElement = XmlHelpers.FirstChild(collaboration, "AgreementRef", As4Namespaces.Ebms);
            if (agreementElement is not null)
            {
                agreement = XmlHelpers.Text(agreementElement);
                agreementType = XmlHelpers.Attr(agreementElement, "type");
                pmode = XmlHelpers.Attr(agreementElement, "pmode");
            }
        }
        var messageProperties = new List<As4Property>();
        var propertiesElement = XmlHelpers.FirstChild(element, "MessageProperties", As4Namespaces.Ebms);
        if (propertiesElement is not null)
        {
            ParseProperties(propertiesElement, messageProperties, messageId, errors);
        }
        var parts = new List<As4PartInfo>();
        var payloadInfo = XmlHelpers.FirstChild(element, "PayloadInfo", As4Namespaces.Ebms);
        if (payloadInfo is not null)
        {
            var hrefs = new HashSet<string>(StringComparer.Ordinal);
            foreach (var partInfo in XmlHelpers.Children(payloadInfo, "PartInfo", As4Namespaces.Ebms))
            {
                var href = XmlHelpers.Attr(partInfo, "href");
                if (string.IsNullOrEmpty(href))
                {
                    href = null;
                }
                else if (!hrefs.Add(href))
                {
                    errors.Add(new EbmsError(EbmsErrorCode.ValueInconsistent, "Two eb:PartInfo elements reference " + href + ".", messageId));
                }
                var partProperties = new List<As4Property>();
                var partPropertiesElement = XmlHelpers.FirstChild(partInfo, "PartProperties", As4Namespaces.Ebms);
                if (partPropertiesElement is not null)
                {
                    ParseProperties(partPropertiesElement, partProperties, messageId, errors);
                }
                var part = new As4PartInfo(href, partProperties);
                if (part.CompressionType is not null && !part.IsGzipCompressed)
                {
                    errors.Add(new EbmsError(EbmsErrorCode.ValueNotRecognized, "CompressionType '" + part.CompressionType + "' is not supported; only application/gzip is.", messageId));
                }
                parts.Add(part);
            }
        }
        if (errors.Count > before || messageId is null || from is null || to is null || service is null || action is null)
        {
            return null;
        }
        return new As4UserMessage(messageId, timestamp, refTo, from, to, service, action, conversationId ?? string.Empty)
        {
            ServiceType = serviceType,
            AgreementRef = agreement,
            AgreementRefType = agreementType,
            PModeId = pmode,
            Mpc = XmlHelpers.Attr(element, "mpc"),
            MessageProperties = messageProperties,
            PayloadInfo = parts,
        };
    }

    private static As4Party? ParseParty(XmlElement partyInfo, string name, string? messageId, List<EbmsError> errors)
    {
        var element = XmlHelpers.FirstChild(partyInfo, name, As4Namespaces.Ebms);
        if (element is null)
        {
            errors.Add(new EbmsError(EbmsErrorCode.InvalidHeader, "eb:PartyInfo has no eb:" + name + ".", messageId));
            return null;
        }
        var ids = new List<As4PartyId>();
        foreach (var id in XmlHelpers.Children(element, "PartyId", As4Namespaces.Ebms))
        {
            var value = XmlHelpers.Text(id);
            var type = XmlHelpers.Attr(id, "type");
            if (value.Length == 0)
            {
                errors.Add(new EbmsError(EbmsErrorCode.InvalidHeader, "eb:" + name + " has an empty eb:PartyId.", messageId));
                continue;
            }
            ids.Add(new As4PartyId(value, string.IsNullOrEmpty(type) ? null : type));
        }
        if (ids.Count == 0)
        {
            errors.Add(new EbmsError(EbmsErrorCode.InvalidHeader, "eb:" + name + " has no eb:PartyId.", messageId));
            return null;
        }
        var role = Required(element, "Role", errors);
        return role is null ? null : new As4Party(ids, role);
    }

    private static void ParseProperties(XmlElement parent, List<As4Property> target, string? messageId, List<EbmsError> errors)
    {
        foreach (var property in XmlHelpers.Children(parent, "Property", As4Namespaces.Ebms))
        {
            var name = XmlHelpers.Attr(property, "name");
            if (string.IsNullOrEmpty(name))
            {
                errors.Add(new EbmsError(EbmsErrorCode.InvalidHeader, "eb:Property without a name attribute in eb:" + parent.LocalName + ".", messageId));
                continue;
            }
            var type = XmlHelpers.Attr(property, "type");
            target.Add(new As4Property(name, property.InnerText, string.IsNullOrEmpty(type) ? null : type));
        }
    }

    private static As4MessageUnit? ParseSignal(XmlElement element, List<EbmsError> errors)
    {
        var before = errors.Count;
        var (messageId, timestamp, refTo) = ParseMessageInfo(element, errors);
        if (errors.Count > before || messageId is null)
        {
            return null;
        }
        var receipt = XmlHelpers.FirstChild(element, "Receipt", As4Namespaces.Ebms);
        var errorElements = XmlHelpers.Children(element, "Error", As4Namespaces.Ebms).ToList();
        var pull = XmlHelpers.FirstChild(element, "PullRequest", As4Namespaces.Ebms);
        if (errorElements.Count > 0)
        {
            var items = new List<EbmsError>();
            foreach (var error in errorElements)
            {
                var code = XmlHelpers.Attr(error, "errorCode");
                if (string.IsNullOrEmpty(code))
                {
                    errors.Add(new EbmsError(EbmsErrorCode.InvalidHeader, "eb:Error without an errorCode attribute.", messageId));
                    continue;
                }
                var severity = XmlHelpers.Attr(error, "severity");
                var errorCode = EbmsErrorCode.FromCode(code, XmlHelpers.Attr(error, "shortDescription"), XmlHelpers.Attr(error, "category"), severity);
                var description = XmlHelpers.FirstChild(error, "Description", As4Namespaces.Ebms);
                var detail = XmlHelpers.FirstChild(error, "ErrorDetail", As4Namespaces.Ebms);
                items.Add(new EbmsError(errorCode, description is null ? null : XmlHelpers.Text(description), XmlHelpers.Attr(error, "refToMessageInError"))
                {
                    Severity = string.IsNullOrEmpty(severity) ? errorCode.Severity : severity,
                    ErrorDetail = detail is null ? null : XmlHelpers.Text(detail),
                });
            }
            return errors.Count > before ? null : new As4Error(messageId, timestamp, refTo, items);
        }
        if (receipt is not null)
        {
            if (refTo is null)
            {
                errors.Add(new EbmsError(EbmsErrorCode.ValueInconsistent, "A Receipt signal must carry eb:RefToMessageId.", messageId));
                return null;
            }
            return ParseReceipt(messageId, timestamp, refTo, receipt);
        }
        if (pull is not null)
        {
            var mpc = XmlHelpers.Attr(pull, "mpc");
            return new As4PullRequest(messageId, timestamp, string.IsNullOrEmpty(mpc) ? As4Namespaces.DefaultMpc : mpc);
        }
        errors.Add(new EbmsError(EbmsErrorCode.ValueNotRecognized, "eb:SignalMessage holds no Receipt, Error or PullRequest.", messageId));
        return null;
    }

    private static As4Receipt ParseReceipt(string messageId, DateTimeOffset timestamp, string refTo, XmlElement receipt)
    {
        var references = new List<As4ReceiptReference>();
        var nri = XmlHelpers.FirstChildAnyNs(receipt, "NonRepudiationInformation");
        var namespaceValid = nri is null || nri.NamespaceURI == As4Namespaces.Ebbp;
        if (nri is not null)
        {
            foreach (var part in XmlHelpers.ChildElements(nri))
            {
                if (part.LocalName != "MessagePartNRInformation")
                {
                    continue;
                }
                if (part.NamespaceURI != As4Namespaces.Ebbp)
                {
                    namespaceValid = false;
                }
                var reference = XmlHelpers.FirstChildAnyNs(part, "Reference");
                if (reference is null)
                {
                    continue;
                }
                if (reference.NamespaceURI != As4Namespaces.Dsig)
                {
                    namespaceValid = false;
                }
                references.Add(ReadReference(reference));
            }
        }
        var userMessageCopy = XmlHelpers.FirstChildAnyNs(receipt, "UserMessage") is not null;
        return new As4Receipt(messageId, timestamp, refTo, references)
        {
            NonRepudiationNamespaceValid = namespaceValid,
            ContainsUserMessageCopy = userMessageCopy,
        };
    }

    internal static As4ReceiptReference ReadReference(XmlElement reference)
    {
        var transforms = new List<string>();
        var transformsElement = XmlHelpers.FirstChildAnyNs(reference, "Transforms");
        if (transformsElement is not null)
        {
            foreach (var transform in XmlHelpers.ChildElements(transformsElement))
            {
                transforms.Add(XmlHelpers.Attr(transform, "Algorithm") ?? string.Empty);
            }
        }
        var digestMethod = XmlHelpers.FirstChildAnyNs(reference, "DigestMethod");
        var digestValue = XmlHelpers.FirstChildAnyNs(reference, "DigestValue");
        return new As4ReceiptReference(
            XmlHelpers.Attr(reference, "URI") ?? string.Empty,
            digestMethod is null ? string.Empty : XmlHelpers.Attr(digestMethod, "Algorithm") ?? string.Empty,
            digestValue is null ? string.Empty : XmlHelpers.Text(digestValue),
            transforms);
    }
}
