using System.Security.Cryptography.X509Certificates;

namespace Caravan.Trust;

/// <summary>
/// The outcome of verifying an enveloped XML signature: whether the signature is cryptographically valid over
/// the whole document and the certificate it was checked with. Whether that certificate is trusted (trust list,
/// validity, revocation) is for the caller to decide.
/// </summary>
public sealed record DocumentSignatureResult
{
    private DocumentSignatureResult(bool isValid, DocumentSignatureFailure failure, string reason, X509Certificate2? signer)
    {
        IsValid = isValid;
        Failure = failure;
        Reason = reason;
        SignerCertificate = signer;
    }

    public bool IsValid { get; }

    public DocumentSignatureFailure Failure { get; }

    /// <summary>A short human explanation, safe to log (no key material).</summary>
    public string Reason { get; }

    /// <summary>The certificate from KeyInfo whose key verified (or failed to verify) the signature, when one was found.</summary>
    public X509Certificate2? SignerCertificate { get; }

    public static DocumentSignatureResult Valid(X509Certificate2 signer) =>
        new(true, DocumentSignatureFailure.None, "The signature is valid.", signer);

    public static DocumentSignatureResult Invalid(DocumentSignatureFailure failure, string reason, X509Certificate2? signer = null) =>
        new(false, failure, reason, signer);
}
