using System.Xml;
using Caravan.Exchange.As4.Model;

namespace Caravan.Exchange.As4;

/// <summary>
/// A parsed SOAP 1.2 envelope of an AS4 message: the DOM (kept for signature checks and receipts, never re-parsed),
/// the eb:Messaging header and Body elements, the wsse:Security header when present, and the typed message units.
/// </summary>
public sealed class As4Envelope
{
    internal As4Envelope(XmlDocument document, XmlElement messaging, XmlElement body, XmlElement? security, IReadOnlyList<As4MessageUnit> units)
    {
        Document = document;
        Messaging = messaging;
        Body = body;
        Security = security;
        MessageUnits = units;
    }

    public XmlDocument Document { get; }

    public XmlElement Messaging { get; }

    public XmlElement Body { get; }

    /// <summary>The wsse:Security header addressed to us (no role, or the ultimate receiver), if any.</summary>
    public XmlElement? Security { get; }

    /// <summary>The message units in document order; AS4 senders put exactly one, other stacks may bundle.</summary>
    public IReadOnlyList<As4MessageUnit> MessageUnits { get; }

    /// <summary>The first message unit, which determines how the message is processed.</summary>
    public As4MessageUnit PrimaryUnit => MessageUnits[0];

    /// <summary>True when the Security header holds a ds:Signature.</summary>
    public bool IsSigned => Security is not null && XmlHelpers.FirstChild(Security, "Signature", As4Namespaces.Dsig) is not null;

    /// <summary>True when the Security header holds xenc:EncryptedKey or xenc:EncryptedData (encrypted payloads or body).</summary>
    public bool IsEncrypted => Security is not null
        && (XmlHelpers.FirstChild(Security, "EncryptedKey", As4Namespaces.XmlEnc) is not null
            || XmlHelpers.FirstChild(Security, "EncryptedData", As4Namespaces.XmlEnc) is not null
            || XmlHelpers.FirstChild(Body, "EncryptedData", As4Namespaces.XmlEnc) is not null);

    /// <summary>The first user message, if any unit is one.</summary>
    public As4UserMessage? UserMessage => MessageUnits.OfType<As4UserMessage>().FirstOrDefault();
}
