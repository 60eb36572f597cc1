using System.Security.Cryptography.X509Certificates;

namespace Caravan.Trust;

/// <summary>Why a certificate is or is not trusted at a given instant.</summary>
public enum TrustVerdict
{
    Trusted,
    Unknown,
    NotYetValid,
    Expired,
    Revoked,
}

/// <summary>The outcome of checking a signer's certificate against the trust list at one instant.</summary>
public sealed record TrustDecision(TrustVerdict Verdict, TrustedPartner? Partner, string Reason)
{
    public bool IsTrusted => Verdict == TrustVerdict.Trusted;

    public static TrustDecision For(TrustVerdict verdict, TrustedPartner? partner, X509Certificate2 certificate) => verdict switch
    {
        TrustVerdict.Trusted => new(verdict, partner, $"certificate {certificate.SerialNumber} of {partner?.CountryCode} is trusted"),
        TrustVerdict.Unknown => new(verdict, null, $"certificate {certificate.SerialNumber} ({certificate.Subject}) is not on the trust list"),
        TrustVerdict.NotYetValid => new(verdict, partner, $"certificate {certificate.SerialNumber} is not valid before {certificate.NotBefore.ToUniversalTime():O}"),
        TrustVerdict.Expired => new(verdict, partner, $"certificate {certificate.SerialNumber} expired at {certificate.NotAfter.ToUniversalTime():O}"),
        TrustVerdict.Revoked => new(verdict, partner, $"certificate {certificate.SerialNumber} is revoked"),
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, null),
    };
}
