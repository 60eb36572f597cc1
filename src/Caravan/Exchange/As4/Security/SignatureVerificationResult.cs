using System.Security.Cryptography.X509Certificates;

namespace Caravan.Exchange.As4.Security;

/// <summary>
/// The result of checking a ds:Signature. <see cref="SignatureValid"/> is false when any digest fails or the
/// signature value does not verify; null when nothing failed but a check could not run (no certificate to verify
/// the value with, or an attachment still encrypted); true when everything was checked and passed. Trust in the
/// certificate is a separate decision (see <see cref="CertificateTrustEvaluator"/>).
/// </summary>
public sealed record SignatureVerificationResult(
    bool Signed,
    bool? SignatureValid,
    IReadOnlyList<ReferenceCheck> References,
    X509Certificate2? SigningCertificate,
    string? SignatureAlgorithm,
    string? FailureReason,
    SignatureCoverage Coverage)
{
    /// <summary>Whether the SignatureValue was verified with the certificate's key: true, false, or null when no key was available.</summary>
    public bool? SignatureValueValid { get; init; }

    /// <summary>True when the certificate was embedded as a BinarySecurityToken or ds:X509Certificate.</summary>
    public bool CertificateEmbedded { get; init; }

    public static SignatureVerificationResult Unsigned(IReadOnlyList<string> attachmentIds) =>
        new(false, null, [], null, null, "The message is not signed.", new SignatureCoverage(false, false, attachmentIds));
}
