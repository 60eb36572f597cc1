using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Caravan.Exchange.As4.Model;

namespace Caravan.Exchange.As4.Security;

/// <summary>
/// Signs an AS4 envelope per WS-Security 1.1 and the SwA profile: an X.509 BinarySecurityToken, and a ds:Signature
/// (exc-c14n, SHA-256 digests, RSA-SHA256 or ECDSA-SHA256) over eb:Messaging, the Body and every attachment
/// (Attachment-Content-Signature-Transform), with KeyInfo referring to the token.
/// </summary>
public static class WsSecuritySigner
{
    /// <summary>
    /// Adds the Security header (or reuses it), the token and the signature. Attachment contents are streamed
    /// into the digest; they must be in their final pre-encryption form (compressed when compression applies).
    /// </summary>
    public static async Task<As4SigningResult> SignAsync(XmlDocument envelope, IReadOnlyList<As4Attachment> attachments, X509Certificate2 signingCertificate, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(attachments);
        ArgumentNullException.ThrowIfNull(signingCertificate);
        var root = envelope.DocumentElement ?? throw new ArgumentException("Empty document.", nameof(envelope));
        var header = XmlHelpers.FirstChild(root, "Header", As4Namespaces.Soap12) ?? throw new ArgumentException("The envelope has no SOAP 1.2 Header.", nameof(envelope));
        var body = XmlHelpers.FirstChild(root, "Body", As4Namespaces.Soap12) ?? throw new ArgumentException("The envelope has no SOAP 1.2 Body.", nameof(envelope));
        var messaging = XmlHelpers.FirstChild(header, "Messaging", As4Namespaces.Ebms) ?? throw new ArgumentException("The envelope has no eb:Messaging header.", nameof(envelope));

        using var key = OpenKey(signingCertificate);
        var messagingId = EnsureId(messaging, "_messaging");
        var bodyId = EnsureId(body, "_body");
        var security = EnsureSecurityHeader(envelope, header);
        XmlHelpers.DeclareNamespaces(envelope);

        var tokenId = XmlHelpers.NewId("X509");
        var token = envelope.CreateElement("wsse", "BinarySecurityToken", As4Namespaces.Wsse);
        token.SetAttribute("EncodingType", As4Namespaces.Base64Binary);
        token.SetAttribute("ValueType", As4Namespaces.X509v3TokenType);
        As4EnvelopeSerializer.SetWsuId(token, tokenId);
        token.InnerText = Convert.ToBase64String(signingCertificate.RawData);
        security.AppendChild(token);

        var signature = Ds(envelope, "Signature");
        signature.SetAttribute("Id", XmlHelpers.NewId("SIG"));
        var signedInfo = Ds(envelope, "SignedInfo");
        signature.AppendChild(signedInfo);
        var c14n = Ds(envelope, "CanonicalizationMethod");
        c14n.SetAttribute("Algorithm", As4Namespaces.ExcC14N);
        signedInfo.AppendChild(c14n);
        var method = Ds(envelope, "SignatureMethod");
        method.SetAttribute("Algorithm", key.SignatureMethod);
        signedInfo.AppendChild(method);
        security.AppendChild(signature);

        var references = new List<As4ReceiptReference>(2 + attachments.Count)
        {
            AddElementReference(signedInfo, messaging, messagingId),
            AddElementReference(signedInfo, body, bodyId),
        };
        foreach (var attachment in attachments)
        {
            await using var content = attachment.Content.OpenRead();
            var digest = await DigestAlgorithms.HashStreamAsync(content, HashAlgorithmName.SHA256, cancellationToken).ConfigureAwait(false);
            references.Add(AddReference(signedInfo, "cid:" + attachment.ContentId, As4Namespaces.AttachmentContentSignatureTransform, digest));
        }

        XmlHelpers.DeclareNamespaces(envelope);
        byte[] signatureValue;
        using (var canonical = XmlCanonicalizer.Canonicalize(signedInfo, As4Namespaces.ExcC14N, null))
        {
            var octets = ReadAll(canonical);
            signatureValue = key.Sign(octets);
        }
        var value = Ds(envelope, "SignatureValue");
        value.InnerText = Convert.ToBase64String(signatureValue);
        signature.AppendChild(value);

        var keyInfo = Ds(envelope, "KeyInfo");
        var str = envelope.CreateElement("wsse", "SecurityTokenReference", As4Namespaces.Wsse);
        var strReference = envelope.CreateElement("wsse", "Reference", As4Namespaces.Wsse);
        strReference.SetAttribute("URI", "#" + tokenId);
        strReference.SetAttribute("ValueType", As4Namespaces.X509v3TokenType);
        str.AppendChild(strReference);
        keyInfo.AppendChild(str);
        signature.AppendChild(keyInfo);
        return new As4SigningResult(signature, references);
    }

    /// <summary>
    /// The certificate's private key opened for signing (RSA-SHA256, or ECDSA-SHA256 for an EC key), with its
    /// SignatureMethod URI; also for writers that produce the canonical octets of their ds:SignedInfo themselves.
    /// </summary>
    internal static SignatureKey OpenKey(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var rsa = certificate.GetRSAPrivateKey();
        if (rsa is not null)
        {
            return new SignatureKey(As4Namespaces.RsaSha256, rsa, null);
        }
        var ecdsa = certificate.GetECDsaPrivateKey();
        return ecdsa is not null
            ? new SignatureKey(As4Namespaces.EcdsaSha256, null, ecdsa)
            : throw new ArgumentException("The signing certificate has no RSA or ECDSA private key.", nameof(certificate));
    }

    /// <summary>A private key opened for signing, with its XMLDSig SignatureMethod.</summary>
    internal sealed class SignatureKey(string signatureMethod, RSA? rsa, ECDsa? ecdsa) : IDisposable
    {
        public string SignatureMethod { get; } = signatureMethod;

        /// <summary>RSA-SHA256 with PKCS#1 v1.5 padding, or ECDSA-SHA256 as r||s (XMLDSig's form).</summary>
        public byte[] Sign(ReadOnlySpan<byte> canonicalSignedInfo) => rsa is not null
            ? rsa.SignData(canonicalSignedInfo, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)
            : ecdsa!.SignData(canonicalSignedInfo, HashAlgorithmName.SHA256);

        public void Dispose()
        {
            rsa?.Dispose();
            ecdsa?.Dispose();
        }
    }

    internal static XmlElement EnsureSecurityHeader(XmlDocument envelope, XmlElement header)
    {
        var security = XmlHelpers.FirstChild(header, "Security", As4Namespaces.Wsse);
        if (security is not null)
        {
            return security;
        }
        security = envelope.CreateElement("wsse", "Security", As4Namespaces.Wsse);
        var mustUnderstand = envelope.CreateAttribute(As4EnvelopeSerializer.SoapPrefix, "mustUnderstand", As4Namespaces.Soap12);
        mustUnderstand.Value = "true";
        security.Attributes.Append(mustUnderstand);
        header.PrependChild(security);
        return security;
    }

    private static string EnsureId(XmlElement element, string prefix)
    {
        var id = XmlHelpers.GetId(element);
        if (id is not null)
        {
            return id;
        }
        id = XmlHelpers.NewId(prefix);
        As4EnvelopeSerializer.SetWsuId(element, id);
        return id;
    }

    private static XmlElement Ds(XmlDocument doc, string name) => doc.CreateElement("ds", name, As4Namespaces.Dsig);

    private static As4ReceiptReference AddElementReference(XmlElement signedInfo, XmlElement target, string id)
    {
        var digest = XmlCanonicalizer.Digest(target, As4Namespaces.ExcC14N, null, HashAlgorithmName.SHA256);
        return AddReference(signedInfo, "#" + id, As4Namespaces.ExcC14N, digest);
    }

    private static As4ReceiptReference AddReference(XmlElement signedInfo, string uri, string transformAlgorithm, byte[] digest)
    {
        var doc = signedInfo.OwnerDocument;
        var reference = Ds(doc, "Reference");
        reference.SetAttribute("URI", uri);
        var transforms = Ds(doc, "Transforms");
        var transform = Ds(doc, "Transform");
        transform.SetAttribute("Algorithm", transformAlgorithm);
        transforms.AppendChild(transform);
        reference.AppendChild(transforms);
        var digestMethod = Ds(doc, "DigestMethod");
        digestMethod.SetAttribute("Algorithm", As4Namespaces.Sha256);
        reference.AppendChild(digestMethod);
        var digestValue = Ds(doc, "DigestValue");
        var base64 = Convert.ToBase64String(digest);
        digestValue.InnerText = base64;
        reference.AppendChild(digestValue);
        signedInfo.AppendChild(reference);
        return new As4ReceiptReference(uri, As4Namespaces.Sha256, base64, [transformAlgorithm]);
    }

    internal static byte[] ReadAll(Stream stream)
    {
        if (stream is MemoryStream memory)
        {
            return memory.ToArray();
        }
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }
}
