using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Caravan.Window.Payments;

/// <summary>
/// The signature a provider puts on a callback: the header <c>Caravan-Signature</c> holds the base64 signature of the
/// exact body bytes with SHA-256 under the key of the provider's X.509 certificate: ECDSA (DER-encoded, as
/// <c>openssl dgst -sha256 -sign</c> writes it) for an EC key, RSASSA-PKCS1-v1_5 for an RSA key.
/// </summary>
public static class PaymentSignature
{
    public const string HeaderName = "Caravan-Signature";

    /// <summary>Signs <paramref name="body"/> with the private key of <paramref name="certificate"/>; returns the header value.</summary>
    public static string Sign(ReadOnlySpan<byte> body, X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        using var ecdsa = certificate.GetECDsaPrivateKey();
        if (ecdsa is not null)
        {
            return Convert.ToBase64String(ecdsa.SignData(body, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence));
        }
        using var rsa = certificate.GetRSAPrivateKey() ?? throw new ArgumentException("The certificate has no EC or RSA private key.", nameof(certificate));
        return Convert.ToBase64String(rsa.SignData(body.ToArray(), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));
    }

    /// <summary>
    /// Checks a header value against the body and the provider's certificate at <paramref name="now"/>; returns null when
    /// it holds, or the stable code and reason why not (missing, malformed, certificate not valid now, does not verify).
    /// </summary>
    public static (string Code, string Reason)? Check(ReadOnlySpan<byte> body, string? header, X509Certificate2 certificate, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (string.IsNullOrWhiteSpace(header))
        {
            return ("payment_signature.missing", $"The callback has no {HeaderName} header; the provider signs the body with its key.");
        }
        var signature = new byte[header.Length];
        if (!Convert.TryFromBase64String(header.Trim(), signature, out var length) || length == 0)
        {
            return ("payment_signature.malformed", $"The {HeaderName} header is not a base64 signature.");
        }
        if (now < certificate.NotBefore.ToUniversalTime() || now > certificate.NotAfter.ToUniversalTime())
        {
            return ("payment_signature.certificate_not_valid", $"The provider's configured certificate is valid from {certificate.NotBefore.ToUniversalTime():u} to {certificate.NotAfter.ToUniversalTime():u}, not now.");
        }
        var bytes = signature.AsSpan(0, length);
        bool valid;
        using (var ecdsa = certificate.GetECDsaPublicKey())
        {
            if (ecdsa is not null)
            {
                valid = ecdsa.VerifyData(body, bytes, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);
                return valid ? null : Invalid();
            }
        }
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is null)
        {
            return ("payment_signature.unsupported_key", "The provider's certificate has neither an EC nor an RSA key.");
        }
        valid = rsa.VerifyData(body, bytes, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return valid ? null : Invalid();

        static (string, string) Invalid() => ("payment_signature.invalid", "The signature does not verify against the body and the provider's certificate.");
    }
}
