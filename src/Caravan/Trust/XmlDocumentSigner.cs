using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace Caravan.Trust;

/// <summary>
/// Signs and verifies XML documents (the e-CO and other document types) with an enveloped XML-DSig signature:
/// one Reference with URI="" (the whole document), the enveloped-signature and exclusive C14N transforms,
/// SHA-256 digest, RSA-SHA256 or ECDSA-SHA256 (P-256/P-384/P-521 keys, hashed with SHA-256), and the
/// signer's X.509 certificate in KeyInfo. Verification accepts only that profile and exactly one signature
/// placed under the document element, which rules out signature-wrapping tricks. Documents should be loaded
/// with <see cref="XmlDocument.PreserveWhitespace"/> on (see <see cref="SecureXml"/>).
/// </summary>
public static class XmlDocumentSigner
{
    private static readonly object RegistrationLock = new();
    private static bool s_registered;

    /// <summary>
    /// Appends a signature as the last child of the document element, made with the certificate's private key
    /// (RSA or EC). Throws for programming errors: no private key, unsupported key type, already signed.
    /// </summary>
    public static void Sign(XmlDocument document, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(certificate);
        var root = document.DocumentElement ?? throw new ArgumentException("The document has no root element.", nameof(document));
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("The certificate has no private key.", nameof(certificate));
        }
        if (document.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl).Count > 0)
        {
            throw new ArgumentException("The document is already signed.", nameof(document));
        }
        EnsureRegistered();

        using var rsa = certificate.GetRSAPrivateKey();
        using var ecdsa = rsa is null ? certificate.GetECDsaPrivateKey() : null;
        AsymmetricAlgorithm key = (AsymmetricAlgorithm?)rsa ?? ecdsa
            ?? throw new NotSupportedException("Only RSA and ECDSA keys can sign documents.");

        var signed = new SignedXml(document) { SigningKey = key };
        signed.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signed.SignedInfo.SignatureMethod = rsa is not null ? SignedXml.XmlDsigRSASHA256Url : EcdsaSha256SignatureDescription.Algorithm;
        var reference = new Reference(string.Empty) { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signed.AddReference(reference);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(certificate));
        signed.KeyInfo = keyInfo;
        signed.ComputeSignature();

        root.AppendChild(document.ImportNode(signed.GetXml(), deep: true));
    }

    /// <summary>Checks the document's enveloped signature and returns the certificate it was verified with.</summary>
    public static DocumentSignatureResult Verify(XmlDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var root = document.DocumentElement;
        if (root is null)
        {
            return DocumentSignatureResult.Invalid(DocumentSignatureFailure.Malformed, "The document has no root element.");
        }
        var signatures = document.GetElementsByTagName("Signature", SignedXml.XmlDsigNamespaceUrl);
        if (signatures.Count == 0)
        {
            return DocumentSignatureResult.Invalid(DocumentSignatureFailure.Missing, "The document is not signed.");
        }
        if (signatures.Count > 1)
        {
            return DocumentSignatureResult.Invalid(DocumentSignatureFailure.Multiple, $"The document holds {signatures.Count} signatures; exactly one is allowed.");
        }
        var signatureElement = (XmlElement)signatures[0]!;
        if (!ReferenceEquals(signatureElement.ParentNode, root))
        {
            return DocumentSignatureResult.Invalid(DocumentSignatureFailure.Misplaced, "The signature is not a child of the document element.");
        }
        EnsureRegistered();

        var signed = new SignedXml(document);
        try
        {
            signed.LoadXml(signatureElement);
        }
        catch (CryptographicException ex)
        {
            return DocumentSignatureResult.Invalid(DocumentSignatureFailure.Malformed, "The signature cannot be parsed: " + ex.Message);
        }

        var profileProblem = CheckProfile(signed.SignedInfo!);
        if (profileProblem is not null)
        {
            return profileProblem;
        }

        var certificate = signed.KeyInfo?.OfType<KeyInfoX509Data>()
            .SelectMany(data => data.Certificates?.OfType<X509Certificate2>() ?? [])
            .FirstOrDefault();
        if (certificate is null)
        {
            return DocumentSignatureResult.Invalid(DocumentSignatureFailure.MissingCertificate, "KeyInfo carries no X.509 certificate.");
        }

        var isRsa = signed.SignedInfo!.SignatureMethod == SignedXml.XmlDsigRSASHA256Url;
        using var rsa = isRsa ? certificate.GetRSAPublicKey() : null;
        using var ecdsa = isRsa ? null : certificate.GetECDsaPublicKey();
        AsymmetricAlgorithm? key = (AsymmetricAlgorithm?)rsa ?? ecdsa;
        if (key is null)
        {
            return DocumentSignatureResult.Invalid(
                DocumentSignatureFailure.MissingCertificate, "The certificate's key does not fit the signature method.", certificate);
        }

        bool valid;
        try
        {
            valid = signed.CheckSignature(key);
        }
        catch (CryptographicException ex)
        {
            return DocumentSignatureResult.Invalid(DocumentSignatureFailure.Malformed, "The signature cannot be evaluated: " + ex.Message, certificate);
        }
        return valid
            ? DocumentSignatureResult.Valid(certificate)
            : DocumentSignatureResult.Invalid(DocumentSignatureFailure.SignatureMismatch,
                "The signature does not match the document: it was altered or signed with another key.", certificate);
    }

    private static DocumentSignatureResult? CheckProfile(SignedInfo info)
    {
        if (info.CanonicalizationMethod != SignedXml.XmlDsigExcC14NTransformUrl)
        {
            return Unsupported($"canonicalization {info.CanonicalizationMethod}");
        }
        if (info.SignatureMethod is not (SignedXml.XmlDsigRSASHA256Url or EcdsaSha256SignatureDescription.Algorithm))
        {
            return Unsupported($"signature method {info.SignatureMethod}");
        }
        if (info.References.Count != 1 || info.References[0] is not Reference reference || reference.Uri != string.Empty)
        {
            return DocumentSignatureResult.Invalid(
                DocumentSignatureFailure.ReferenceNotWholeDocument, "The signature must have exactly one Reference, with URI=\"\".");
        }
        if (reference.DigestMethod != SignedXml.XmlDsigSHA256Url)
        {
            return Unsupported($"digest method {reference.DigestMethod}");
        }
        var transforms = reference.TransformChain;
        var enveloped = transforms.Count >= 1 && transforms[0] is XmlDsigEnvelopedSignatureTransform;
        var rest = transforms.Count == 1 || (transforms.Count == 2 && transforms[1] is XmlDsigExcC14NTransform);
        if (!enveloped || !rest)
        {
            return Unsupported("transforms (only enveloped-signature then exclusive C14N are allowed)");
        }
        return null;

        static DocumentSignatureResult Unsupported(string what) =>
            DocumentSignatureResult.Invalid(DocumentSignatureFailure.UnsupportedAlgorithm, "Not allowed: " + what + ".");
    }

    private static void EnsureRegistered()
    {
        if (Volatile.Read(ref s_registered))
        {
            return;
        }
        lock (RegistrationLock)
        {
            if (!s_registered)
            {
                CryptoConfig.AddAlgorithm(typeof(EcdsaSha256SignatureDescription), EcdsaSha256SignatureDescription.Algorithm);
                Volatile.Write(ref s_registered, true);
            }
        }
    }
}
