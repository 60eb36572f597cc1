using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Caravan.Trust;
using Caravan.Exchange.As4.Crypto;

namespace Caravan.Exchange.As4.Security;

/// <summary>
/// WS-Security SOAP-with-Attachments encryption of AS4 payloads (eDelivery AS4 profile): each attachment's
/// content is encrypted with one fresh AES-128-GCM key, which is wrapped for the recipient with RSA-OAEP
/// (SHA-256, MGF1-SHA-256) in an xenc:EncryptedKey; one xenc:EncryptedData per attachment in the wsse:Security
/// header points at it by cid:. The SOAP Body is never encrypted. Attachment content streams through
/// bounded buffers, so large payloads do not need to fit in memory.
/// </summary>
public static class WsEncryption
{
    private const string EncryptedContentType = "application/octet-stream";

    /// <summary>
    /// Encrypts every attachment for <paramref name="recipient"/>, replacing its content with
    /// nonce || ciphertext || tag and its content type with application/octet-stream, and adds the
    /// EncryptedKey and EncryptedData elements to the wsse:Security header (created if absent), before an
    /// existing ds:Signature so that receivers decrypt before they verify. Does nothing without attachments.
    /// </summary>
    public static Task EncryptAsync(XmlDocument envelope, IReadOnlyList<As4Attachment> attachments, X509Certificate2 recipient, CancellationToken cancellationToken) =>
        EncryptAsync(envelope, attachments, recipient, EncryptionSettings.Default, ContentKeyReuse.None, cancellationToken);

    /// <summary>As above, with the content-encryption key reused for <paramref name="recipient"/> within <paramref name="reuse"/>'s limits.</summary>
    public static Task EncryptAsync(
        XmlDocument envelope, IReadOnlyList<As4Attachment> attachments, X509Certificate2 recipient, ContentKeyReuse reuse, CancellationToken cancellationToken) =>
        EncryptAsync(envelope, attachments, recipient, EncryptionSettings.Default, reuse, cancellationToken);

    internal static Task EncryptAsync(
        XmlDocument envelope, IReadOnlyList<As4Attachment> attachments, X509Certificate2 recipient, EncryptionSettings settings, CancellationToken cancellationToken) =>
        EncryptAsync(envelope, attachments, recipient, settings, ContentKeyReuse.None, cancellationToken);

    internal static async Task EncryptAsync(
        XmlDocument envelope, IReadOnlyList<As4Attachment> attachments, X509Certificate2 recipient, EncryptionSettings settings, ContentKeyReuse reuse,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(attachments);
        ArgumentNullException.ThrowIfNull(recipient);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(reuse);
        if (attachments.Count == 0)
        {
            using var check = RentRecipientKey(recipient);
            return;
        }
        var security = GetOrCreateSecurityHeader(envelope);

        var (key, wrappedKey) = ContentKeySessions.Lease(recipient, settings, reuse, fresh =>
        {
            using var rsa = RentRecipientKey(recipient);
            return RsaOaep.Encrypt(rsa.Key, fresh, settings.KeyTransport);
        });
        var encrypted = new List<PayloadContent>(attachments.Count);
        try
        {
            foreach (var attachment in attachments)
            {
                encrypted.Add(await AttachmentCipher.EncryptAsync(attachment.Content, settings.Data, key, cancellationToken).ConfigureAwait(false));
            }

            var keyId = "EK-" + Guid.NewGuid().ToString("D");
            var dataIds = attachments.Select(_ => "ED-" + Guid.NewGuid().ToString("D")).ToList();
            var elements = new List<XmlElement> { BuildEncryptedKey(envelope, keyId, wrappedKey, recipient, settings, dataIds) };
            for (var i = 0; i < attachments.Count; i++)
            {
                elements.Add(BuildEncryptedData(envelope, dataIds[i], keyId, attachments[i], settings.Data));
            }

            // WSS processes header blocks in order: the key and data come before a signature over the plaintext.
            var signature = EncryptionXml.Child(security, EncryptionUris.Ds, "Signature");
            foreach (var element in elements)
            {
                if (signature is null)
                {
                    security.AppendChild(element);
                }
                else
                {
                    security.InsertBefore(element, signature);
                }
            }

            for (var i = 0; i < attachments.Count; i++)
            {
                attachments[i].ReplaceContent(encrypted[i]);
                attachments[i].ContentType = EncryptedContentType;
            }
            encrypted.Clear();
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            foreach (var leftover in encrypted)
            {
                leftover.Dispose();
            }
        }
    }

    /// <summary>Decrypts the attachments with the one certificate whose private key should unwrap the key.</summary>
    public static Task<DecryptionResult> DecryptAsync(
        XmlDocument envelope, IReadOnlyList<As4Attachment> attachments, X509Certificate2 recipientWithPrivateKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipientWithPrivateKey);
        return DecryptAsync(envelope, attachments, [recipientWithPrivateKey], cancellationToken);
    }

    /// <summary>
    /// Finds the xenc:EncryptedKey meant for one of <paramref name="candidates"/> (named in its KeyInfo by
    /// issuer and serial, subject key identifier, thumbprint or the certificate itself; any candidate is
    /// tried when it names none), unwraps it, and decrypts every attachment its EncryptedData elements
    /// reference, restoring each content type from EncryptedData/@MimeType. All or nothing: on failure no
    /// attachment or element is changed. On success the processed EncryptedData and EncryptedKey elements are
    /// removed from the header (a signature's references never cover them), so the result reads like the
    /// signed plaintext message and <see cref="IsEncrypted"/> turns false. Any other element is left alone.
    /// </summary>
    public static async Task<DecryptionResult> DecryptAsync(
        XmlDocument envelope, IReadOnlyList<As4Attachment> attachments, IEnumerable<X509Certificate2> candidates, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        ArgumentNullException.ThrowIfNull(attachments);
        ArgumentNullException.ThrowIfNull(candidates);
        var withPrivateKeys = candidates.Where(c => c.HasPrivateKey).ToList();
        if (withPrivateKeys.Count == 0)
        {
            throw new ArgumentException("Decryption needs at least one certificate with its private key.", nameof(candidates));
        }

        var encryptedKeys = FindSecurityHeaders(envelope)
            .SelectMany(security => EncryptionXml.Descendants(security, EncryptionUris.Xenc, "EncryptedKey"))
            .ToList();
        if (encryptedKeys.Count == 0)
        {
            return DecryptionResult.Failure(DecryptionFailureReason.NoEncryptedKey, "The wsse:Security header holds no xenc:EncryptedKey.");
        }

        var notOurs = new List<string>();
        foreach (var encryptedKey in encryptedKeys)
        {
            var reference = RecipientReference.Parse(encryptedKey);
            var matching = reference.IsEmpty ? withPrivateKeys : withPrivateKeys.Where(reference.Matches).ToList();
            if (matching.Count == 0)
            {
                notOurs.Add(reference.Describe());
                continue;
            }
            return await DecryptWithKeyAsync(envelope, encryptedKey, encryptedKeys.Count, matching, attachments, cancellationToken).ConfigureAwait(false);
        }
        return DecryptionResult.Failure(
            DecryptionFailureReason.KeyNotForThisCertificate,
            $"The EncryptedKey is for {string.Join("; ", notOurs)}, which none of the {withPrivateKeys.Count} decryption certificate(s) is.");
    }

    /// <summary>True when the envelope carries xenc:EncryptedKey or xenc:EncryptedData anywhere.</summary>
    public static bool IsEncrypted(XmlDocument envelope)
    {
        ArgumentNullException.ThrowIfNull(envelope);
        return EncryptionXml.Descendants(envelope, EncryptionUris.Xenc, "EncryptedKey").Any()
            || EncryptionXml.Descendants(envelope, EncryptionUris.Xenc, "EncryptedData").Any();
    }

    private static async Task<DecryptionResult> DecryptWithKeyAsync(
        XmlDocument envelope,
        XmlElement encryptedKey,
        int encryptedKeyCount,
        IReadOnlyList<X509Certificate2> candidates,
        IReadOnlyList<As4Attachment> attachments,
        CancellationToken cancellationToken)
    {
        var (oaep, methodProblem) = ParseKeyTransport(encryptedKey);
        if (oaep is null)
        {
            return DecryptionResult.Failure(DecryptionFailureReason.UnsupportedAlgorithm, methodProblem);
        }
        var cipherValue = EncryptionXml.Child(encryptedKey, EncryptionUris.Xenc, "CipherData") is { } cipherData
            ? EncryptionXml.Child(cipherData, EncryptionUris.Xenc, "CipherValue")
            : null;
        byte[] wrappedKey;
        try
        {
            wrappedKey = Convert.FromBase64String(cipherValue?.InnerText.Trim() ?? throw new FormatException());
        }
        catch (FormatException)
        {
            return DecryptionResult.Failure(DecryptionFailureReason.MalformedSecurityHeader, "The EncryptedKey has no valid base64 CipherValue.");
        }

        var (targets, targetProblem) = FindEncryptedData(envelope, encryptedKey, encryptedKeyCount);
        if (targets is null)
        {
            return DecryptionResult.Failure(DecryptionFailureReason.MalformedSecurityHeader, targetProblem);
        }

        // A key this node unwrapped before (a sender reusing its content key, see ContentKeyReuse) comes from the cache.
        var fingerprint = UnwrappedKeyCache.Fingerprint(wrappedKey, oaep);
        X509Certificate2? unwrappedBy = null;
        byte[]? key = null;
        var cached = false;
        foreach (var candidate in candidates)
        {
            if (UnwrappedKeyCache.TryGet(candidate, fingerprint) is { } hit)
            {
                (key, unwrappedBy, cached) = (hit, candidate, true);
                break;
            }
        }
        var unwrapProblem = "No candidate certificate has an RSA private key.";
        var unwrapReason = DecryptionFailureReason.KeyUnwrapFailed;
        if (key is null)
        {
            foreach (var candidate in candidates)
            {
                using var rsa = candidate.GetRSAPrivateKey();
                if (rsa is null)
                {
                    continue;
                }
                var outcome = RsaOaep.Decrypt(rsa, wrappedKey, oaep, out var unwrapped, out unwrapProblem);
                if (outcome == RsaOaep.Outcome.Unwrapped)
                {
                    (key, unwrappedBy) = (unwrapped, candidate);
                    break;
                }
                unwrapReason = outcome == RsaOaep.Outcome.KeyNotExportable ? DecryptionFailureReason.UnsupportedAlgorithm : DecryptionFailureReason.KeyUnwrapFailed;
            }
        }
        if (key is null)
        {
            return DecryptionResult.Failure(unwrapReason, unwrapProblem);
        }

        var plans = new List<DecryptionPlan>();
        var decrypted = new List<PayloadContent>();
        try
        {
            foreach (var encryptedData in targets)
            {
                var (plan, failure) = PlanDecryption(encryptedData, attachments, key.Length);
                if (plan is null)
                {
                    return failure!;
                }
                if (plans.Any(p => ReferenceEquals(p.Attachment, plan.Attachment)))
                {
                    return DecryptionResult.Failure(DecryptionFailureReason.MalformedSecurityHeader, $"Two EncryptedData elements reference cid:{plan.Attachment.ContentId}.");
                }
                plans.Add(plan);
            }
            foreach (var plan in plans)
            {
                var (plaintext, problem) = await AttachmentCipher.DecryptAsync(plan.Attachment.Content, plan.Algorithm, key, cancellationToken).ConfigureAwait(false);
                if (plaintext is null)
                {
                    var reason = AttachmentCipher.IsGcm(plan.Algorithm) && plan.Attachment.Content.Length >= StreamingAesGcm.NonceSize + StreamingAesGcm.TagSize
                        ? DecryptionFailureReason.AuthenticationTagMismatch
                        : DecryptionFailureReason.CiphertextCorrupt;
                    return DecryptionResult.Failure(reason, $"cid:{plan.Attachment.ContentId}: {problem}");
                }
                decrypted.Add(plaintext);
            }

            // Everything decrypted and authenticated: commit.
            for (var i = 0; i < plans.Count; i++)
            {
                plans[i].Attachment.ReplaceContent(decrypted[i]);
                if (plans[i].MimeType is { Length: > 0 } mimeType)
                {
                    plans[i].Attachment.ContentType = mimeType;
                }
                plans[i].Element.ParentNode?.RemoveChild(plans[i].Element);
            }
            decrypted.Clear();
            encryptedKey.ParentNode?.RemoveChild(encryptedKey);
            if (!cached)
            {
                // Only a key that opened (and authenticated) every attachment of its message is remembered.
                UnwrappedKeyCache.Add(unwrappedBy!, fingerprint, key);
            }
            return DecryptionResult.Success(plans.Select(p => p.Attachment.ContentId).ToList());
        }
        finally
        {
            CryptographicOperations.ZeroMemory(key);
            foreach (var leftover in decrypted)
            {
                leftover.Dispose();
            }
        }
    }

    private sealed record DecryptionPlan(XmlElement Element, As4Attachment Attachment, DataEncryptionAlgorithm Algorithm, string? MimeType);

    private static (DecryptionPlan? Plan, DecryptionResult? Failure) PlanDecryption(XmlElement encryptedData, IReadOnlyList<As4Attachment> attachments, int keyLength)
    {
        var id = encryptedData.GetAttribute("Id");
        var method = EncryptionXml.Child(encryptedData, EncryptionUris.Xenc, "EncryptionMethod")?.GetAttribute("Algorithm") ?? "";
        if (EncryptionUris.ParseDataAlgorithm(method) is not { } algorithm)
        {
            return (null, DecryptionResult.Failure(DecryptionFailureReason.UnsupportedAlgorithm, $"EncryptedData {id} uses data encryption '{method}'."));
        }
        if (AttachmentCipher.KeySize(algorithm) != keyLength)
        {
            return (null, DecryptionResult.Failure(DecryptionFailureReason.KeyUnwrapFailed, $"The unwrapped key has {keyLength} bytes; {method} needs {AttachmentCipher.KeySize(algorithm)}."));
        }
        var type = encryptedData.GetAttribute("Type");
        if (type != EncryptionUris.AttachmentContentOnly)
        {
            return (null, DecryptionResult.Failure(
                DecryptionFailureReason.UnsupportedAlgorithm,
                $"EncryptedData {id} has Type '{type}'; only SwA Attachment-Content-Only is supported (AS4 does not encrypt the SOAP Body)."));
        }
        var cipherData = EncryptionXml.Child(encryptedData, EncryptionUris.Xenc, "CipherData");
        var cipherReference = cipherData is null ? null : EncryptionXml.Child(cipherData, EncryptionUris.Xenc, "CipherReference");
        var uri = cipherReference?.GetAttribute("URI") ?? "";
        if (!uri.StartsWith("cid:", StringComparison.OrdinalIgnoreCase))
        {
            return (null, DecryptionResult.Failure(DecryptionFailureReason.MalformedSecurityHeader, $"EncryptedData {id} has no cid: CipherReference."));
        }
        var transforms = cipherReference!.GetElementsByTagName("Transform", EncryptionUris.Ds).OfType<XmlElement>().Select(t => t.GetAttribute("Algorithm")).ToList();
        if (transforms.FirstOrDefault(t => t != EncryptionUris.AttachmentCiphertextTransform) is { } transform)
        {
            return (null, DecryptionResult.Failure(DecryptionFailureReason.UnsupportedAlgorithm, $"EncryptedData {id} uses transform '{transform}'."));
        }
        var contentId = uri[4..].Trim('<', '>');
        var attachment = attachments.FirstOrDefault(a => ContentIdEquals(a.ContentId, contentId));
        if (attachment is null)
        {
            return (null, DecryptionResult.Failure(DecryptionFailureReason.MissingAttachment, $"EncryptedData {id} references {uri}, which is not an attachment of this message."));
        }
        var mimeType = encryptedData.HasAttribute("MimeType") ? encryptedData.GetAttribute("MimeType") : null;
        return (new DecryptionPlan(encryptedData, attachment, algorithm, mimeType), null);
    }

    private static bool ContentIdEquals(string attachmentContentId, string referenced)
    {
        var own = attachmentContentId.Trim('<', '>');
        return string.Equals(own, referenced, StringComparison.Ordinal)
            || string.Equals(own, Uri.UnescapeDataString(referenced), StringComparison.Ordinal);
    }

    /// <summary>
    /// The EncryptedData elements this key decrypts: those its ReferenceList names (with or without the
    /// leading '#', which some stacks omit), those whose KeyInfo points back at it, and, when it is the only
    /// key and names nothing, every EncryptedData in the message.
    /// </summary>
    private static (List<XmlElement>? Targets, string Problem) FindEncryptedData(XmlDocument envelope, XmlElement encryptedKey, int encryptedKeyCount)
    {
        var allData = EncryptionXml.Descendants(envelope, EncryptionUris.Xenc, "EncryptedData").ToList();
        var targets = new List<XmlElement>();
        var referenceList = EncryptionXml.Child(encryptedKey, EncryptionUris.Xenc, "ReferenceList");
        if (referenceList is not null)
        {
            foreach (var dataReference in EncryptionXml.Children(referenceList, EncryptionUris.Xenc, "DataReference"))
            {
                var uri = dataReference.GetAttribute("URI");
                var id = uri.StartsWith('#') ? uri[1..] : uri;
                var target = allData.FirstOrDefault(d => d.GetAttribute("Id") == id || d.GetAttribute("Id", EncryptionUris.Wsu) == id);
                if (target is null)
                {
                    return (null, $"The EncryptedKey's DataReference '{uri}' names no EncryptedData in this message.");
                }
                if (!targets.Contains(target))
                {
                    targets.Add(target);
                }
            }
        }
        var keyId = encryptedKey.GetAttribute("Id");
        if (keyId.Length > 0)
        {
            foreach (var data in allData.Where(d => !targets.Contains(d) && PointsAtKey(d, keyId)))
            {
                targets.Add(data);
            }
        }
        if (referenceList is null && targets.Count == 0 && encryptedKeyCount == 1)
        {
            targets.AddRange(allData);
        }
        return targets.Count == 0
            ? (null, "The EncryptedKey references no EncryptedData.")
            : (targets, "");
    }

    private static bool PointsAtKey(XmlElement encryptedData, string keyId)
    {
        var keyInfo = EncryptionXml.Child(encryptedData, EncryptionUris.Ds, "KeyInfo");
        return keyInfo is not null
            && EncryptionXml.Descendants(keyInfo, EncryptionUris.Wsse, "Reference").Any(r => r.GetAttribute("URI") == "#" + keyId);
    }

    internal static (RsaOaepParameters? Parameters, string Problem) ParseKeyTransport(XmlElement encryptedKey)
    {
        var method = EncryptionXml.Child(encryptedKey, EncryptionUris.Xenc, "EncryptionMethod");
        var algorithm = method?.GetAttribute("Algorithm") ?? "";
        if (method is null || (algorithm != EncryptionUris.RsaOaepMgf1p && algorithm != EncryptionUris.RsaOaep))
        {
            return (null, algorithm == EncryptionUris.Rsa15
                ? $"Key transport {EncryptionUris.Rsa15} is refused (PKCS#1 v1.5 decryption is an oracle); AS4 uses RSA-OAEP."
                : $"Key transport '{algorithm}' is not supported; RSA-OAEP is.");
        }
        var digest = HashAlgorithmName.SHA1;
        if (EncryptionXml.Child(method, EncryptionUris.Ds, "DigestMethod")?.GetAttribute("Algorithm") is { } digestUri)
        {
            if (EncryptionUris.ParseDigest(digestUri) is not { } parsed)
            {
                return (null, $"RSA-OAEP digest '{digestUri}' is not supported.");
            }
            digest = parsed;
        }
        var mask = HashAlgorithmName.SHA1;
        if (algorithm == EncryptionUris.RsaOaep && EncryptionXml.Child(method, EncryptionUris.Xenc11, "MGF")?.GetAttribute("Algorithm") is { } mgfUri)
        {
            if (EncryptionUris.ParseMgf(mgfUri) is not { } parsed)
            {
                return (null, $"RSA-OAEP mask generation function '{mgfUri}' is not supported.");
            }
            mask = parsed;
        }
        var label = Array.Empty<byte>();
        if (EncryptionXml.Child(method, EncryptionUris.Xenc, "OAEPparams") is { } oaepParams)
        {
            try
            {
                label = Convert.FromBase64String(oaepParams.InnerText.Trim());
            }
            catch (FormatException)
            {
                return (null, "RSA-OAEP OAEPparams is not base64.");
            }
        }
        return (new RsaOaepParameters(digest, mask, label), "");
    }

    private static List<XmlElement> FindSecurityHeaders(XmlDocument envelope)
    {
        var root = envelope.DocumentElement;
        if (root is null)
        {
            return [];
        }
        var header = EncryptionXml.Child(root, EncryptionUris.Soap12, "Header") ?? EncryptionXml.Child(root, EncryptionUris.Soap11, "Header");
        return header is null ? [] : EncryptionXml.Children(header, EncryptionUris.Wsse, "Security").ToList();
    }

    private static PublicKeyCache.Lease<RSA> RentRecipientKey(X509Certificate2 recipient) =>
        PublicKeyCache.RentRsa(recipient) ?? throw new ArgumentException("The recipient certificate has no RSA public key.", nameof(recipient));

    private static XmlElement GetOrCreateSecurityHeader(XmlDocument envelope)
    {
        var root = envelope.DocumentElement;
        if (root is null || root.LocalName != "Envelope" || root.NamespaceURI != EncryptionUris.Soap12)
        {
            throw new ArgumentException("The document is not a SOAP 1.2 envelope.", nameof(envelope));
        }
        var header = EncryptionXml.Child(root, EncryptionUris.Soap12, "Header");
        if (header is null)
        {
            header = envelope.CreateElement(root.Prefix, "Header", EncryptionUris.Soap12);
            root.PrependChild(header);
        }
        // The Security header for the ultimate receiver has no role (actor) attribute.
        var security = EncryptionXml.Children(header, EncryptionUris.Wsse, "Security")
            .FirstOrDefault(s => !s.HasAttribute("role", EncryptionUris.Soap12));
        if (security is not null)
        {
            return security;
        }
        security = envelope.CreateElement("wsse", "Security", EncryptionUris.Wsse);
        security.SetAttribute("xmlns:wsse", EncryptionUris.Wsse);
        var soapPrefix = header.GetPrefixOfNamespace(EncryptionUris.Soap12);
        if (soapPrefix.Length == 0)
        {
            soapPrefix = "S12";
            security.SetAttribute("xmlns:" + soapPrefix, EncryptionUris.Soap12);
        }
        var mustUnderstand = envelope.CreateAttribute(soapPrefix, "mustUnderstand", EncryptionUris.Soap12);
        mustUnderstand.Value = "true";
        security.Attributes.Append(mustUnderstand);
        header.PrependChild(security);
        return security;
    }

    private static XmlElement BuildEncryptedKey(
        XmlDocument document, string keyId, byte[] wrappedKey, X509Certificate2 recipient, EncryptionSettings settings, IReadOnlyList<string> dataIds)
    {
        var encryptedKey = Xenc(document, "EncryptedKey");
        encryptedKey.SetAttribute("xmlns:xenc", EncryptionUris.Xenc);
        encryptedKey.SetAttribute("Id", keyId);

        var method = Append(encryptedKey, Xenc(document, "EncryptionMethod"));
        method.SetAttribute("Algorithm", settings.UseMgf1pIdentifier ? EncryptionUris.RsaOaepMgf1p : EncryptionUris.RsaOaep);
        var digest = Append(method, Ds(document, "DigestMethod"));
        digest.SetAttribute("xmlns:ds", EncryptionUris.Ds);
        digest.SetAttribute("Algorithm", EncryptionUris.DigestUri(settings.KeyTransport.Digest));
        if (!settings.UseMgf1pIdentifier)
        {
            var mgf = Append(method, document.CreateElement("xenc11", "MGF", EncryptionUris.Xenc11));
            mgf.SetAttribute("xmlns:xenc11", EncryptionUris.Xenc11);
            mgf.SetAttribute("Algorithm", EncryptionUris.MgfUri(settings.KeyTransport.MaskDigest));
        }
        if (settings.KeyTransport.Label.Length > 0)
        {
            Append(method, Xenc(document, "OAEPparams")).InnerText = Convert.ToBase64String(settings.KeyTransport.Label);
        }

        var keyInfo = Append(encryptedKey, Ds(document, "KeyInfo"));
        keyInfo.SetAttribute("xmlns:ds", EncryptionUris.Ds);
        var tokenReference = Append(keyInfo, Wsse(document, "SecurityTokenReference"));
        tokenReference.SetAttribute("xmlns:wsse", EncryptionUris.Wsse);
        var issuerSerial = Append(Append(tokenReference, Ds(document, "X509Data")), Ds(document, "X509IssuerSerial"));
        Append(issuerSerial, Ds(document, "X509IssuerName")).InnerText = recipient.IssuerName.Name;
        Append(issuerSerial, Ds(document, "X509SerialNumber")).InnerText =
            new BigInteger(recipient.SerialNumberBytes.Span, isUnsigned: false, isBigEndian: true).ToString(CultureInfo.InvariantCulture);

        var cipherData = Append(encryptedKey, Xenc(document, "CipherData"));
        Append(cipherData, Xenc(document, "CipherValue")).InnerText = Convert.ToBase64String(wrappedKey);

        var referenceList = Append(encryptedKey, Xenc(document, "ReferenceList"));
        foreach (var dataId in dataIds)
        {
            Append(referenceList, Xenc(document, "DataReference")).SetAttribute("URI", "#" + dataId);
        }
        return encryptedKey;
    }

    private static XmlElement BuildEncryptedData(XmlDocument document, string dataId, string keyId, As4Attachment attachment, DataEncryptionAlgorithm algorithm)
    {
        var encryptedData = Xenc(document, "EncryptedData");
        encryptedData.SetAttribute("xmlns:xenc", EncryptionUris.Xenc);
        encryptedData.SetAttribute("Id", dataId);
        encryptedData.SetAttribute("MimeType", attachment.ContentType);
        encryptedData.SetAttribute("Type", EncryptionUris.AttachmentContentOnly);

        Append(encryptedData, Xenc(document, "EncryptionMethod")).SetAttribute("Algorithm", EncryptionUris.DataAlgorithm(algorithm));

        var keyInfo = Append(encryptedData, Ds(document, "KeyInfo"));
        keyInfo.SetAttribute("xmlns:ds", EncryptionUris.Ds);
        var tokenReference = Append(keyInfo, Wsse(document, "SecurityTokenReference"));
        tokenReference.SetAttribute("xmlns:wsse", EncryptionUris.Wsse);
        tokenReference.SetAttribute("xmlns:wsse11", EncryptionUris.Wsse11);
        var tokenType = document.CreateAttribute("wsse11", "TokenType", EncryptionUris.Wsse11);
        tokenType.Value = EncryptionUris.EncryptedKeyTokenType;
        tokenReference.Attributes.Append(tokenType);
        Append(tokenReference, Wsse(document, "Reference")).SetAttribute("URI", "#" + keyId);

        var cipherData = Append(encryptedData, Xenc(document, "CipherData"));
        var cipherReference = Append(cipherData, Xenc(document, "CipherReference"));
        cipherReference.SetAttribute("URI", "cid:" + attachment.ContentId);
        var transform = Append(Append(cipherReference, Xenc(document, "Transforms")), Ds(document, "Transform"));
        transform.SetAttribute("xmlns:ds", EncryptionUris.Ds);
        transform.SetAttribute("Algorithm", EncryptionUris.AttachmentCiphertextTransform);
        return encryptedData;
    }

    private static XmlElement Xenc(XmlDocument document, string localName) => document.CreateElement("xenc", localName, EncryptionUris.Xenc);

    private static XmlElement Ds(XmlDocument document, string localName) => document.CreateElement("ds", localName, EncryptionUris.Ds);

    private static XmlElement Wsse(XmlDocument document, string localName) => document.CreateElement("wsse", localName, EncryptionUris.Wsse);

    private static XmlElement Append(XmlElement parent, XmlElement child)
    {
        parent.AppendChild(child);
        return child;
    }
}
