using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;
using Caravan.Exchange.As4.Model;
using Caravan.Exchange.As4.Security;

namespace Caravan.Exchange.As4.Signals;

/// <summary>
/// Builds the AS4 receipt for a received user message. When that message was signed, the receipt is a
/// non-repudiation receipt whose ebbp:MessagePartNRInformation items copy the ds:Reference elements of its
/// signature verbatim; otherwise it carries a copy of the eb:UserMessage.
/// </summary>
public static class As4ReceiptBuilder
{
    /// <summary>The receipt as a document, unsigned: sign it before sending.</summary>
    public static XmlDocument Build(As4Envelope received, string receiptMessageId, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(received);
        var user = received.UserMessage ?? throw new ArgumentException("Receipts acknowledge user messages only.", nameof(received));
        var document = As4EnvelopeSerializer.CreateEnvelope(new As4Receipt(receiptMessageId, timestamp, user.MessageId, []));
        var receipt = (XmlElement)document.GetElementsByTagName("Receipt", As4Namespaces.Ebms)[0]!;
        var signedInfo = SignedInfoOf(received);
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

    /// <summary>
    /// The receipt signed with <paramref name="signingCertificate"/> (over eb:Messaging and the Body, as
    /// <see cref="WsSecuritySigner"/> signs), as UTF-8 wire bytes. For a signed message, the receipt a gateway answers
    /// thousands of times a minute, it is written straight in canonical form rather than built as a document,
    /// canonicalised and serialised: eb:Messaging, the Body and ds:SignedInfo are emitted exactly as exclusive C14N
    /// renders them (namespace declarations and attributes in canonical order, C14N escaping, no empty-element tags), so
    /// their digests and the signature are computed over the octets written, and the copied ds:Reference elements are
    /// rendered by <see cref="ExclusiveCanonicalWriter"/> in that context. An unsigned message's receipt takes the
    /// document path.
    /// </summary>
    public static async Task<byte[]> BuildSignedAsync(As4Envelope received, string receiptMessageId, DateTimeOffset timestamp, X509Certificate2 signingCertificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(received);
        ArgumentException.ThrowIfNullOrEmpty(receiptMessageId);
        ArgumentNullException.ThrowIfNull(signingCertificate);
        var user = received.UserMessage ?? throw new ArgumentException("Receipts acknowledge user messages only.", nameof(received));
        var signedInfo = SignedInfoOf(received);
        if (signedInfo is null)
        {
            var document = Build(received, receiptMessageId, timestamp);
            await WsSecuritySigner.SignAsync(document, [], signingCertificate, cancellationToken).ConfigureAwait(false);
            using var output = new MemoryStream();
            XmlHelpers.Save(document, output);
            return output.ToArray();
        }
        return WriteSigned(signedInfo, user.MessageId, receiptMessageId, timestamp, signingCertificate);
    }

    private static byte[] WriteSigned(XmlElement receivedSignedInfo, string refToMessageId, string receiptMessageId, DateTimeOffset timestamp, X509Certificate2 signingCertificate)
    {
        using var key = WsSecuritySigner.OpenKey(signingCertificate);
        var messagingId = XmlHelpers.NewId("_messaging");
        var bodyId = XmlHelpers.NewId("_body");
        var tokenId = XmlHelpers.NewId("X509");

        // eb:Messaging as the apex of its canonical form: the prefixes it and its attributes use, declared on it in
        // prefix order; attributes by namespace URI (wsu's sorts before SOAP's).
        var messaging = new StringBuilder(3072)
            .Append("<eb:Messaging xmlns:").Append(As4EnvelopeSerializer.SoapPrefix).Append("=\"").Append(As4Namespaces.Soap12)
            .Append("\" xmlns:eb=\"").Append(As4Namespaces.Ebms)
            .Append("\" xmlns:wsu=\"").Append(As4Namespaces.Wsu)
            .Append("\" wsu:Id=\"").Append(messagingId)
            .Append("\" ").Append(As4EnvelopeSerializer.SoapPrefix).Append(":mustUnderstand=\"true\"><eb:SignalMessage><eb:MessageInfo><eb:Timestamp>")
            .Append(As4EnvelopeSerializer.FormatTimestamp(timestamp))
            .Append("</eb:Timestamp><eb:MessageId>");
        ExclusiveCanonicalWriter.AppendText(messaging, receiptMessageId);
        messaging.Append("</eb:MessageId><eb:RefToMessageId>");
        ExclusiveCanonicalWriter.AppendText(messaging, refToMessageId);
        messaging.Append("</eb:RefToMessageId></eb:MessageInfo><eb:Receipt><ebbp:NonRepudiationInformation xmlns:ebbp=\"").Append(As4Namespaces.Ebbp).Append("\">");
        var rendered = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [As4EnvelopeSerializer.SoapPrefix] = As4Namespaces.Soap12,
            ["eb"] = As4Namespaces.Ebms,
            ["wsu"] = As4Namespaces.Wsu,
            ["ebbp"] = As4Namespaces.Ebbp,
        };
        foreach (var reference in XmlHelpers.Children(receivedSignedInfo, "Reference", As4Namespaces.Dsig))
        {
            messaging.Append("<ebbp:MessagePartNRInformation>");
            ExclusiveCanonicalWriter.AppendCanonical(messaging, reference, rendered);
            messaging.Append("</ebbp:MessagePartNRInformation>");
        }
        messaging.Append("</ebbp:NonRepudiationInformation></eb:Receipt></eb:SignalMessage></eb:Messaging>");
        var messagingOctets = Encoding.UTF8.GetBytes(messaging.ToString());

        var body = new StringBuilder(256)
            .Append('<').Append(As4EnvelopeSerializer.SoapPrefix).Append(":Body xmlns:").Append(As4EnvelopeSerializer.SoapPrefix).Append("=\"").Append(As4Namespaces.Soap12)
            .Append("\" xmlns:wsu=\"").Append(As4Namespaces.Wsu)
            .Append("\" wsu:Id=\"").Append(bodyId).Append("\"></").Append(As4EnvelopeSerializer.SoapPrefix).Append(":Body>");
        var bodyOctets = Encoding.UTF8.GetBytes(body.ToString());

        var signedInfo = new StringBuilder(1024)
            .Append("<ds:SignedInfo xmlns:ds=\"").Append(As4Namespaces.Dsig).Append("\">")
            .Append("<ds:CanonicalizationMethod Algorithm=\"").Append(As4Namespaces.ExcC14N).Append("\"></ds:CanonicalizationMethod>")
            .Append("<ds:SignatureMethod Algorithm=\"").Append(key.SignatureMethod).Append("\"></ds:SignatureMethod>");
        AppendReference(signedInfo, messagingId, SHA256.HashData(messagingOctets));
        AppendReference(signedInfo, bodyId, SHA256.HashData(bodyOctets));
        signedInfo.Append("</ds:SignedInfo>");
        var signedInfoOctets = Encoding.UTF8.GetBytes(signedInfo.ToString());
        var signatureValue = key.Sign(signedInfoOctets);

        var wire = new StringBuilder(messagingOctets.Length + signedInfoOctets.Length + 3072)
            .Append("<?xml version=\"1.0\" encoding=\"utf-8\"?>")
            .Append('<').Append(As4EnvelopeSerializer.SoapPrefix).Append(":Envelope xmlns:eb=\"").Append(As4Namespaces.Ebms)
            .Append("\" xmlns:wsu=\"").Append(As4Namespaces.Wsu)
            .Append("\" xmlns:").Append(As4EnvelopeSerializer.SoapPrefix).Append("=\"").Append(As4Namespaces.Soap12).Append("\">")
            .Append('<').Append(As4EnvelopeSerializer.SoapPrefix).Append(":Header>")
            .Append("<wsse:Security ").Append(As4EnvelopeSerializer.SoapPrefix).Append(":mustUnderstand=\"true\" xmlns:wsse=\"").Append(As4Namespaces.Wsse).Append("\">")
            .Append("<wsse:BinarySecurityToken EncodingType=\"").Append(As4Namespaces.Base64Binary)
            .Append("\" ValueType=\"").Append(As4Namespaces.X509v3TokenType)
            .Append("\" wsu:Id=\"").Append(tokenId).Append("\">").Append(Convert.ToBase64String(signingCertificate.RawData)).Append("</wsse:BinarySecurityToken>")
            .Append("<ds:Signature Id=\"").Append(XmlHelpers.NewId("SIG")).Append("\" xmlns:ds=\"").Append(As4Namespaces.Dsig).Append("\">")
            .Append(signedInfo)
            .Append("<ds:SignatureValue>").Append(Convert.ToBase64String(signatureValue)).Append("</ds:SignatureValue>")
            .Append("<ds:KeyInfo><wsse:SecurityTokenReference><wsse:Reference URI=\"#").Append(tokenId)
            .Append("\" ValueType=\"").Append(As4Namespaces.X509v3TokenType).Append("\" /></wsse:SecurityTokenReference></ds:KeyInfo>")
            .Append("</ds:Signature></wsse:Security>")
            .Append(messaging)
            .Append("</").Append(As4EnvelopeSerializer.SoapPrefix).Append(":Header>")
            .Append(body)
            .Append("</").Append(As4EnvelopeSerializer.SoapPrefix).Append(":Envelope>");
        return Encoding.UTF8.GetBytes(wire.ToString());
    }

    private static void AppendReference(StringBuilder signedInfo, string id, byte[] digest) =>
        signedInfo.Append("<ds:Reference URI=\"#").Append(id).Append("\"><ds:Transforms><ds:Transform Algorithm=\"").Append(As4Namespaces.ExcC14N)
            .Append("\"></ds:Transform></ds:Transforms><ds:DigestMethod Algorithm=\"").Append(As4Namespaces.Sha256)
            .Append("\"></ds:DigestMethod><ds:DigestValue>").Append(Convert.ToBase64String(digest)).Append("</ds:DigestValue></ds:Reference>");

    private static XmlElement? SignedInfoOf(As4Envelope received)
    {
        var signature = received.Security is null ? null : XmlHelpers.FirstChild(received.Security, "Signature", As4Namespaces.Dsig);
        return signature is null ? null : XmlHelpers.FirstChild(signature, "SignedInfo", As4Namespaces.Dsig);
    }
}
