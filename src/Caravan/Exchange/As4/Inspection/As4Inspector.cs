using System.Text;
using System.Xml;
using Caravan.Exchange.As4.Compression;
using Caravan.Exchange.As4.Model;
using Caravan.Exchange.As4.Security;

namespace Caravan.Exchange.As4.Inspection;

/// <summary>
/// Inspects one AS4 message as the gateway would receive it: MIME and header parsing, optional decryption,
/// signature verification (digests always; the value when a certificate is available), signature coverage of
/// a UserMessage, certificate trust and validity at the message time, and payload decompression.
/// </summary>
public static class As4Inspector
{
    public const string BodyPayloadId = "soap-body";

    public static async Task<As4InspectionOutcome> InspectAsync(Stream body, string contentType, As4InspectionOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(options);
        using var read = await As4MessageReader.ReadAsync(body, contentType, cancellationToken).ConfigureAwait(false);
        var errors = read.Errors.Select(ToInspection).ToList();
        if (read.Envelope is null)
        {
            var failed = new InspectionReport(null, null, null, null, null, null, null, false, false, null, null, [], errors, null);
            return new As4InspectionOutcome(failed, As4InspectionOutcome.CheckFailed);
        }
        var envelope = read.Envelope;
        var unit = envelope.PrimaryUnit;
        var user = unit as As4UserMessage;
        var signed = envelope.IsSigned;
        var encrypted = envelope.IsEncrypted;
        var encryptedIds = EncryptedAttachmentIds(envelope);

        bool? decrypted = encrypted ? false : null;
        if (encrypted && options.DecryptionCertificate is not null)
        {
            var outcome = await WsEncryption.DecryptAsync(envelope.Document, read.Attachments, options.DecryptionCertificate, cancellationToken).ConfigureAwait(false);
            decrypted = outcome.Succeeded;
            if (outcome.Succeeded)
            {
                encryptedIds.Clear();
            }
            else
            {
                errors.Add(new InspectionError(EbmsErrorCode.FailedDecryption.Code, $"{outcome.FailureReason}: {outcome.Detail}"));
            }
        }

        bool? signatureValid = null;
        InspectionCertificate? certificate = null;
        if (signed)
        {
            var verification = await WsSecurityVerifier.VerifyAsync(
                envelope,
                read.Attachments,
                new SignatureVerificationOptions { CandidateCertificates = options.TrustedCertificates, EncryptedAttachmentIds = encryptedIds },
                cancellationToken).ConfigureAwait(false);
            signatureValid = verification.SignatureValid;
            if (verification.SignatureValid == false)
            {
                errors.Add(new InspectionError(EbmsErrorCode.FailedAuthentication.Code, verification.FailureReason ?? "The signature is invalid."));
            }
            if (user is not null && !verification.Coverage.IsComplete)
            {
                errors.Add(new InspectionError(EbmsErrorCode.PolicyNoncompliance.Code, verification.Coverage.Describe()!));
            }
            if (verification.SigningCertificate is { } signer)
            {
                var at = options.At ?? unit.Timestamp;
                var trust = CertificateTrustEvaluator.Evaluate(signer, options.TrustedCertificates, options.TrustEmbedded && verification.CertificateEmbedded, at);
                certificate = new InspectionCertificate(signer.Subject, signer.SerialNumber, new DateTimeOffset(signer.NotBefore.ToUniversalTime(), TimeSpan.Zero), new DateTimeOffset(signer.NotAfter.ToUniversalTime(), TimeSpan.Zero), trust.Trusted, trust.ValidAtTime);
                if (trust.Reason is not null)
                {
                    errors.Add(new InspectionError(EbmsErrorCode.FailedAuthentication.Code, trust.Reason));
                }
            }
        }

        var payloads = new List<InspectionPayload>();
        if (user is not null)
        {
            foreach (var part in user.PayloadInfo)
            {
                if (part.ContentId is not { } contentId)
                {
                    payloads.Add(new InspectionPayload(BodyPayloadId, part.MimeType ?? "application/xml", BodySize(envelope.Body)));
                    continue;
                }
                var attachment = read.Attachments.FirstOrDefault(a => string.Equals(a.ContentId, contentId, StringComparison.Ordinal));
                if (attachment is null)
                {
                    continue;
                }
                if (part.IsGzipCompressed && !encryptedIds.Contains(contentId))
                {
                    var failure = await As4Compression.DecompressAsync(attachment, part.MimeType, user.MessageId, cancellationToken).ConfigureAwait(false);
                    if (failure is not null)
                    {
                        errors.Add(ToInspection(failure));
                    }
                }
                payloads.Add(new InspectionPayload(contentId, part.MimeType ?? attachment.ContentType, attachment.Content.Length));
            }
        }

        var exitCode = errors.Count == 0 ? As4InspectionOutcome.Passed : As4InspectionOutcome.CheckFailed;
        if (unit is As4Error errorSignal)
        {
            errors.AddRange(errorSignal.Errors.Select(e => new InspectionError(e.Code.Code, "Reported by the sender: " + e.Code.ShortDescription + (e.Description is null ? string.Empty : " - " + e.Description))));
        }
        var report = new InspectionReport(
            unit.Kind,
            unit.MessageId,
            unit.RefToMessageId,
            user?.From.PrimaryId.Value,
            user?.To.PrimaryId.Value,
            user?.Service,
            user?.Action,
            signed,
            encrypted,
            signatureValid,
            decrypted,
            payloads,
            errors,
            certificate);
        return new As4InspectionOutcome(report, exitCode);
    }

    private static InspectionError ToInspection(EbmsError error) => new(error.Code.Code, error.Description ?? error.Code.ShortDescription);

    private static long BodySize(XmlElement body) => Encoding.UTF8.GetByteCount(body.InnerXml);

    /// <summary>The Content-IDs named by xenc:CipherReference URIs in the Security header (attachments still encrypted).</summary>
    private static HashSet<string> EncryptedAttachmentIds(As4Envelope envelope)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        if (envelope.Security is null)
        {
            return ids;
        }
        foreach (XmlElement reference in envelope.Security.GetElementsByTagName("CipherReference", As4Namespaces.XmlEnc))
        {
            var uri = XmlHelpers.Attr(reference, "URI");
            if (uri is not null && uri.StartsWith("cid:", StringComparison.OrdinalIgnoreCase))
            {
                ids.Add(Uri.UnescapeDataString(uri[4..]));
            }
        }
        return ids;
    }
}
