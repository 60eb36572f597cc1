using System.Security.Cryptography.X509Certificates;

namespace Caravan.Trust;

/// <summary>
/// A partner node on the trust list: its country, AS4 endpoint and pinned certificate, trusted only inside both the
/// certificate's own validity and the optional window the operator set on the trust-list entry.
/// </summary>
public sealed record TrustedPartner(
    string CountryCode,
    Uri Endpoint,
    X509Certificate2 Certificate,
    DateTimeOffset? TrustedFrom = null,
    DateTimeOffset? TrustedUntil = null)
{
    /// <summary>SHA-256 thumbprint (hex) of the pinned certificate.</summary>
    public string Thumbprint { get; } = Certificate.GetCertHashString(System.Security.Cryptography.HashAlgorithmName.SHA256);

    public DateTimeOffset ValidFrom => Max(new DateTimeOffset(Certificate.NotBefore.ToUniversalTime()), TrustedFrom);

    public DateTimeOffset ValidUntil => Min(new DateTimeOffset(Certificate.NotAfter.ToUniversalTime()), TrustedUntil);

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset? b) => b is { } v && v > a ? v : a;

    private static DateTimeOffset Min(DateTimeOffset a, DateTimeOffset? b) => b is { } v && v < a ? v : a;
}
