using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Caravan.Trust;

namespace Caravan.Exchange.As4.Security;

/// <summary>
/// Verifies the WS-Security ds:Signature of a received AS4 message by recomputing every reference digest itself
/// (exc-c14n / c14n for <c>#id</c> references, raw content for <c>cid:</c> references) and checking the
/// SignatureValue over the canonical SignedInfo with the signer's public key. Each failure names its reference.
/// </summary>
public static class WsSecurityVerifier
{
    public static async Task<SignatureVerificationResult> VerifyAsync(As4Envelope envelope, IReadOnlyList<As4Attachment> attachments, SignatureVerificationOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(attachments);
        ArgumentNullException.ThrowIfNull(options);
        var attachmentIds = attachments.Select(a => a.ContentId).ToList();
        var signature = envelope.Security is null ? null : XmlHelpers.FirstChild(envelope.Security, "Signature", As4Namespaces.Dsig);
        if (signature is null)
        {
            return SignatureVerificationResult.Unsigned(attachmentIds);
        }
        var signedInfo = XmlHelpers.FirstChild(signature, "SignedInfo", As4Namespaces.Dsig);
        var signatureValueElement = XmlHelpers.FirstChild(signature, "SignatureValue", As4Namespaces.Dsig);
        if (signedInfo is null || signatureValueElement is null)
        {
            return Malformed("ds:Signature has no SignedInfo or SignatureValue.", attachmentIds);
        }
        var c14nMethod = XmlHelpers.FirstChild(signedInfo, "CanonicalizationMethod", As4Namespaces.Dsig);
        var signatureMethod = XmlHelpers.FirstChild(signedInfo, "SignatureMethod", As4Namespaces.Dsig);
        var c14nAlgorithm = c14nMethod is null ? null : XmlHelpers.Attr(c14nMethod, "Algorithm");
        var signatureAlgorithm = signatureMethod is null ? null : XmlHelpers.Attr(signatureMethod, "Algorithm");
        if (c14nAlgorithm is null || !XmlCanonicalizer.IsSupported(c14nAlgorithm))
        {
            return Malformed("Unsupported SignedInfo canonicalization '" + c14nAlgorithm + "'.", attachmentIds);
        }
        var keyAlgorithm = signatureAlgorithm is null ? null : DigestAlgorithms.FromSignatureUri(signatureAlgorithm);
        if (keyAlgorithm is null)
        {
            return Malformed("Unsupported signature algorithm '" + signatureAlgorithm + "'.", attachmentIds);
        }

        var idIndex = BuildIdIndex(envelope.Document);
        var (certificate, embedded, keyInfoProblem) = ResolveCertificate(signature, idIndex, options.CandidateCertificates);

        var checks = new List<ReferenceCheck>();
        var messagingCovered = false;
        var bodyCovered = false;
        var coveredAttachments = new HashSet<string>(StringComparer.Ordinal);
        foreach (var reference in XmlHelpers.Children(signedInfo, "Reference", As4Namespaces.Dsig))
        {
            var check = await CheckReferenceAsync(reference, envelope, attachments, idIndex, options, cancellationToken).ConfigureAwait(false);
            checks.Add(check);
            switch (check.Target)
            {
                case ReferenceTarget.Messaging:
                    messagingCovered = true;
                    break;
                case ReferenceTarget.Body:
                    bodyCovered = true;
                    break;
                case ReferenceTarget.Attachment:
                    coveredAttachments.Add(AttachmentId(check.Uri));
                    break;
                case ReferenceTarget.Other:
                case ReferenceTarget.Unresolved:
                    break;
            }
        }
        var coverage = new SignatureCoverage(messagingCovered, bodyCovered, attachmentIds.Where(id => !coveredAttachments.Contains(id)).ToList());

        bool? valueValid = null;
        string? failure = null;
        if (checks.Count == 0)
        {
            failure = "SignedInfo has no Reference.";
        }
        byte[]? signatureValue = null;
        try
        {
            signatureValue = Convert.FromBase64String(XmlHelpers.Text(signatureValueElement));
        }
        catch (FormatException)
        {
            failure ??= "The SignatureValue is not base64.";
        }
        if (certificate is not null && signatureValue is not null)
        {
            byte[] canonicalSignedInfo;
            using (var canonical = XmlCanonicalizer.Canonicalize(signedInfo, c14nAlgorithm, c14nMethod is null ? null : XmlCanonicalizer.InclusivePrefixes(c14nMethod)))
            {
                canonicalSignedInfo = WsSecuritySigner.ReadAll(canonical);
            }
            valueValid = VerifySignatureValue(certificate, keyAlgorithm.Value.IsRsa, keyAlgorithm.Value.Hash, canonicalSignedInfo, signatureValue);
            if (valueValid is null)
            {
                failure ??= "The certificate's key does not match the signature algorithm " + signatureAlgorithm + ".";
                valueValid = false;
            }
        }

        var firstBadReference = checks.FirstOrDefault(c => c.Status is not ReferenceStatus.Valid and not ReferenceStatus.NotChecked);
        if (firstBadReference is not null)
        {
            failure ??= "Reference " + firstBadReference.Uri + ": " + firstBadReference.Detail;
        }
        if (valueValid == false)
        {
            failure ??= "The SignatureValue does not verify with the signing certificate's key.";
        }

        bool? valid;
        if (failure is not null)
        {
            valid = false;
        }
        else if (certificate is null || checks.Any(c => c.Status == ReferenceStatus.NotChecked))
        {
            valid = null;
            failure = certificate is null
                ? "No certificate available to verify the SignatureValue" + (keyInfoProblem is null ? "." : ": " + keyInfoProblem)
                : "Some references could not be checked because their attachments are still encrypted.";
        }
        else
        {
            valid = true;
        }
        return new SignatureVerificationResult(true, valid, checks, certificate, signatureAlgorithm, failure, coverage)
        {
            SignatureValueValid = valueValid,
            CertificateEmbedded = embedded,
        };
    }

    private static SignatureVerificationResult Malformed(string reason, IReadOnlyList<string> attachmentIds) =>
        new(true, false, [], null, null, reason, new SignatureCoverage(false, false, attachmentIds));

    private static string AttachmentId(string uri) => Uri.UnescapeDataString(uri[4..]);

    private static bool? VerifySignatureValue(X509Certificate2 certificate, bool isRsa, HashAlgorithmName hash, byte[] data, byte[] signature)
    {
        if (isRsa)
        {
            using var rsa = PublicKeyCache.RentRsa(certificate);
            return rsa?.Key.VerifyData(data, signature, hash, RSASignaturePadding.Pkcs1);
        }
        using var ecdsa = PublicKeyCache.RentECDsa(certificate);
        return ecdsa?.Key.VerifyData(data, signature, hash);
    }

    private static Dictionary<string, List<XmlElement>> BuildIdIndex(XmlDocument document)
    {
        var index = new Dictionary<string, List<XmlElement>>(StringComparer.Ordinal);
        var stack = new Stack<XmlElement>();
        if (document.DocumentElement is not null)
        {
            stack.Push(document.DocumentElement);
        }
        while (stack.Count > 0)
        {
            var element = stack.Pop();
            foreach (XmlAttribute attribute in element.Attributes)
            {
                var isId = (attribute.LocalName == "Id" && (attribute.NamespaceURI == As4Namespaces.Wsu || attribute.NamespaceURI.Length == 0))
                    || (attribute.NamespaceURI.Length == 0 && attribute.LocalName is "ID" or "id");
                if (isId)
                {
                    if (!index.TryGetValue(attribute.Value, out var list))
                    {
                        index[attribute.Value] = list = [];
                    }
                    if (!list.Contains(element))
                    {
                        list.Add(element);
                    }
                }
            }
            for (var child = element.LastChild; child is not null; child = child.PreviousSibling)
            {
                if (child is XmlElement e)
                {
                    stack.Push(e);
                }
            }
        }
        return index;
    }

    private static async Task<ReferenceCheck> CheckReferenceAsync(XmlElement reference, As4Envelope envelope, IReadOnlyList<As4Attachment> attachments, Dictionary<string, List<XmlElement>> idIndex, SignatureVerificationOptions options, CancellationToken cancellationToken)
    {
        var uri = XmlHelpers.Attr(reference, "URI") ?? string.Empty;
        var digestMethod = XmlHelpers.FirstChild(reference, "DigestMethod", As4Namespaces.Dsig);
        var digestValueElement = XmlHelpers.FirstChild(reference, "DigestValue", As4Namespaces.Dsig);
        var digestUri = digestMethod is null ? string.Empty : XmlHelpers.Attr(digestMethod, "Algorithm") ?? string.Empty;
        var hash = DigestAlgorithms.FromDigestUri(digestUri);
        if (hash is null || digestValueElement is null)
        {
            return new ReferenceCheck(uri, ReferenceTarget.Unresolved, digestUri, ReferenceStatus.Unsupported, "unsupported or missing digest method '" + digestUri + "'");
        }
        byte[] expected;
        try
        {
            expected = Convert.FromBase64String(XmlHelpers.Text(digestValueElement));
        }
        catch (FormatException)
        {
            return new ReferenceCheck(uri, ReferenceTarget.Unresolved, digestUri, ReferenceStatus.Unsupported, "DigestValue is not base64");
        }
        var transforms = new List<XmlElement>();
        var transformsElement = XmlHelpers.FirstChild(reference, "Transforms", As4Namespaces.Dsig);
        if (transformsElement is not null)
        {
            transforms.AddRange(XmlHelpers.Children(transformsElement, "Transform", As4Namespaces.Dsig));
        }

        if (uri.StartsWith('#'))
        {
            var id = uri[1..];
            if (!idIndex.TryGetValue(id, out var targets) || targets.Count == 0)
            {
                return new ReferenceCheck(uri, ReferenceTarget.Unresolved, digestUri, ReferenceStatus.TargetMissing, "no element has id '" + id + "'");
            }
            if (targets.Count > 1)
            {
                return new ReferenceCheck(uri, ReferenceTarget.Unresolved, digestUri, ReferenceStatus.DuplicateTarget, targets.Count + " elements carry id '" + id + "' (signature wrapping)");
            }
            var target = targets[0];
            var kind = ReferenceEquals(target, envelope.Messaging) ? ReferenceTarget.Messaging
                : ReferenceEquals(target, envelope.Body) ? ReferenceTarget.Body
                : ReferenceTarget.Other;
            string algorithm = XmlCanonicalizer.InclusiveC14N;
            string? prefixes = null;
            if (transforms.Count > 1)
            {
                return new ReferenceCheck(uri, kind, digestUri, ReferenceStatus.Unsupported, "more than one transform on an element reference");
            }
            if (transforms.Count == 1)
            {
                algorithm = XmlHelpers.Attr(transforms[0], "Algorithm") ?? string.Empty;
                prefixes = XmlCanonicalizer.InclusivePrefixes(transforms[0]);
                if (!XmlCanonicalizer.IsSupported(algorithm))
                {
                    return new ReferenceCheck(uri, kind, digestUri, ReferenceStatus.Unsupported, "unsupported transform '" + algorithm + "'");
                }
            }
            var actual = XmlCanonicalizer.Digest(target, algorithm, prefixes, hash.Value);
            return CryptographicOperations.FixedTimeEquals(actual, expected)
                ? new ReferenceCheck(uri, kind, digestUri, ReferenceStatus.Valid)
                : new ReferenceCheck(uri, kind, digestUri, ReferenceStatus.DigestMismatch, "digest mismatch: the " + Describe(kind) + " was altered after signing");
        }

        if (uri.StartsWith("cid:", StringComparison.OrdinalIgnoreCase))
        {
            var contentId = AttachmentId(uri);
            var attachment = attachments.FirstOrDefault(a => string.Equals(a.ContentId, contentId, StringComparison.Ordinal));
            if (attachment is null)
            {
                return new ReferenceCheck(uri, ReferenceTarget.Unresolved, digestUri, ReferenceStatus.TargetMissing, "no attachment has Content-ID <" + contentId + ">");
            }
            var transform = transforms.Count == 1 ? XmlHelpers.Attr(transforms[0], "Algorithm") : null;
            if (transform != As4Namespaces.AttachmentContentSignatureTransform)
            {
                return new ReferenceCheck(uri, ReferenceTarget.Attachment, digestUri, ReferenceStatus.Unsupported, "unsupported attachment transform '" + transform + "'");
            }
            if (options.EncryptedAttachmentIds.Contains(contentId))
            {
                return new ReferenceCheck(uri, ReferenceTarget.Attachment, digestUri, ReferenceStatus.NotChecked, "the attachment is still encrypted");
            }
            byte[] actual;
            await using (var content = attachment.Content.OpenRead())
            {
                actual = await DigestAlgorithms.HashStreamAsync(content, hash.Value, cancellationToken).ConfigureAwait(false);
            }
            return CryptographicOperations.FixedTimeEquals(actual, expected)
                ? new ReferenceCheck(uri, ReferenceTarget.Attachment, digestUri, ReferenceStatus.Valid)
                : new ReferenceCheck(uri, ReferenceTarget.Attachment, digestUri, ReferenceStatus.DigestMismatch, "digest mismatch: the attachment was altered after signing");
        }

        return new ReferenceCheck(uri, ReferenceTarget.Unresolved, digestUri, ReferenceStatus.Unsupported, "unsupported reference URI form");
    }

    private static string Describe(ReferenceTarget kind) => kind switch
    {
        ReferenceTarget.Messaging => "eb:Messaging header",
        ReferenceTarget.Body => "SOAP Body",
        ReferenceTarget.Attachment => "attachment",
        ReferenceTarget.Other => "referenced element",
        _ => "reference",
    };

    private static (X509Certificate2? Certificate, bool Embedded, string? Problem) ResolveCertificate(XmlElement signature, Dictionary<string, List<XmlElement>> idIndex, IReadOnlyList<X509Certificate2> candidates)
    {
        var keyInfo = XmlHelpers.FirstChild(signature, "KeyInfo", As4Namespaces.Dsig);
        if (keyInfo is null)
        {
            return (null, false, "ds:Signature has no KeyInfo");
        }
        var x509Data = XmlHelpers.FirstChild(keyInfo, "X509Data", As4Namespaces.Dsig);
        var str = XmlHelpers.FirstChild(keyInfo, "SecurityTokenReference", As4Namespaces.Wsse);
        if (str is not null)
        {
            var reference = XmlHelpers.FirstChild(str, "Reference", As4Namespaces.Wsse);
            if (reference is not null)
            {
                var uri = XmlHelpers.Attr(reference, "URI") ?? string.Empty;
                if (!uri.StartsWith('#') || !idIndex.TryGetValue(uri[1..], out var tokens) || tokens.Count == 0)
                {
                    return (null, false, "the SecurityTokenReference points to no token (" + uri + ")");
                }
                if (tokens.Count > 1)
                {
                    return (null, false, "more than one token carries id " + uri);
                }
                return LoadEmbedded(tokens[0], candidates);
            }
            var keyIdentifier = XmlHelpers.FirstChild(str, "KeyIdentifier", As4Namespaces.Wsse);
            if (keyIdentifier is not null)
            {
                var valueType = XmlHelpers.Attr(keyIdentifier, "ValueType");
                byte[] value;
                try
                {
                    value = Convert.FromBase64String(XmlHelpers.Text(keyIdentifier));
                }
                catch (FormatException)
                {
                    return (null, false, "the KeyIdentifier is not base64");
                }
                if (valueType == As4Namespaces.X509v3TokenType)
                {
                    return LoadEmbedded(keyIdentifier, candidates);
                }
                var match = valueType switch
                {
                    As4Namespaces.X509SubjectKeyIdentifier => candidates.FirstOrDefault(c => SubjectKeyIdentifier(c) is { } ski && ski.AsSpan().SequenceEqual(value)),
                    As4Namespaces.ThumbprintSha1 => candidates.FirstOrDefault(c => c.GetCertHash(HashAlgorithmName.SHA1).AsSpan().SequenceEqual(value)),
                    _ => null,
                };
                return match is null ? (null, false, "no candidate certificate matches the KeyIdentifier") : (match, false, null);
            }
            x509Data ??= XmlHelpers.FirstChild(str, "X509Data", As4Namespaces.Dsig);
        }
        if (x509Data is not null)
        {
            var embeddedCertificate = XmlHelpers.FirstChild(x509Data, "X509Certificate", As4Namespaces.Dsig);
            if (embeddedCertificate is not null)
            {
                return LoadEmbedded(embeddedCertificate, candidates);
            }
            var issuerSerial = XmlHelpers.FirstChild(x509Data, "X509IssuerSerial", As4Namespaces.Dsig);
            if (issuerSerial is not null)
            {
                var issuer = XmlHelpers.FirstChild(issuerSerial, "X509IssuerName", As4Namespaces.Dsig);
                var serial = XmlHelpers.FirstChild(issuerSerial, "X509SerialNumber", As4Namespaces.Dsig);
                if (issuer is null || serial is null || !BigInteger.TryParse(XmlHelpers.Text(serial), System.Globalization.CultureInfo.InvariantCulture, out var serialNumber))
                {
                    return (null, false, "malformed X509IssuerSerial");
                }
                var issuerName = NormalizeName(XmlHelpers.Text(issuer));
                var match = candidates.FirstOrDefault(c => SerialNumber(c) == serialNumber && NormalizeName(c.Issuer) == issuerName);
                return match is null ? (null, false, "no candidate certificate matches issuer " + XmlHelpers.Text(issuer) + " serial " + serialNumber) : (match, false, null);
            }
            var ski = XmlHelpers.FirstChild(x509Data, "X509SKI", As4Namespaces.Dsig);
            if (ski is not null)
            {
                var value = Convert.FromBase64String(XmlHelpers.Text(ski));
                var match = candidates.FirstOrDefault(c => SubjectKeyIdentifier(c) is { } s && s.AsSpan().SequenceEqual(value));
                return match is null ? (null, false, "no candidate certificate matches the X509SKI") : (match, false, null);
            }
        }
        return (null, false, "unsupported KeyInfo");
    }

    private static (X509Certificate2?, bool, string?) LoadEmbedded(XmlElement element, IReadOnlyList<X509Certificate2> candidates)
    {
        try
        {
            var bytes = Convert.FromBase64String(element.InnerText.Trim());
            // The usual case is a partner's pinned certificate: reuse the parsed candidate with the same bytes.
            foreach (var candidate in candidates)
            {
                if (candidate.RawDataMemory.Span.SequenceEqual(bytes))
                {
                    return (candidate, true, null);
                }
            }
            return (X509CertificateLoader.LoadCertificate(bytes), true, null);
        }
        catch (Exception ex) when (ex is FormatException or CryptographicException)
        {
            return (null, false, "the embedded certificate cannot be read: " + ex.Message);
        }
    }

    internal static BigInteger SerialNumber(X509Certificate2 certificate) =>
        new(certificate.SerialNumberBytes.Span, isUnsigned: true, isBigEndian: true);

    private static byte[]? SubjectKeyIdentifier(X509Certificate2 certificate)
    {
        foreach (var extension in certificate.Extensions)
        {
            if (extension is X509SubjectKeyIdentifierExtension ski)
            {
                return ski.SubjectKeyIdentifierBytes.ToArray();
            }
        }
        return null;
    }

    /// <summary>Order-insensitive, case-insensitive comparison form of a distinguished name (RFC 2253 vs .NET ordering).</summary>
    private static string NormalizeName(string name)
    {
        var parts = name.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p =>
            {
                var eq = p.IndexOf('=', StringComparison.Ordinal);
                return eq < 0 ? p.ToUpperInvariant() : p[..eq].Trim().ToUpperInvariant() + "=" + p[(eq + 1)..].Trim().ToUpperInvariant();
            })
            .Order(StringComparer.Ordinal);
        return string.Join(",", parts);
    }
}
