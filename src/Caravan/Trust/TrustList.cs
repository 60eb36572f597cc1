using System.Collections.Frozen;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Caravan.Trust;

/// <summary>
/// The partner trust list and the operator's revocation list (revoked certificate serial numbers). Certificates are
/// pinned: a message is trusted only when signed by the exact certificate of a listed partner, inside its validity,
/// and not revoked. Thread-safe; the revocation list can change while the node runs.
/// </summary>
public sealed class TrustList
{
    private readonly FrozenDictionary<string, TrustedPartner> _byThumbprint;
    private readonly FrozenDictionary<string, TrustedPartner> _byCountry;
    private volatile FrozenSet<string> _revokedSerials;

    public TrustList(IEnumerable<TrustedPartner> partners, IEnumerable<string>? revokedSerials = null)
    {
        ArgumentNullException.ThrowIfNull(partners);
        var list = partners.ToList();
        _byThumbprint = list.ToFrozenDictionary(p => p.Thumbprint, StringComparer.OrdinalIgnoreCase);
        _byCountry = list.ToFrozenDictionary(p => p.CountryCode, StringComparer.OrdinalIgnoreCase);
        _revokedSerials = NormaliseSerials(revokedSerials ?? []);
    }

    public IReadOnlyCollection<TrustedPartner> Partners => _byCountry.Values;

    public IReadOnlyCollection<string> RevokedSerials => _revokedSerials;

    public TrustedPartner? FindPartner(string countryCode) => _byCountry.GetValueOrDefault(countryCode);

    /// <summary>Replaces the revocation list (loaded from storage when the operator changes it).</summary>
    public void SetRevokedSerials(IEnumerable<string> serials) => _revokedSerials = NormaliseSerials(serials);

    /// <summary>Decides whether <paramref name="certificate"/> may sign for a partner at instant <paramref name="at"/>.</summary>
    public TrustDecision Evaluate(X509Certificate2 certificate, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
        if (!_byThumbprint.TryGetValue(thumbprint, out var partner))
        {
            return TrustDecision.For(TrustVerdict.Unknown, null, certificate);
        }
        if (_revokedSerials.Contains(NormaliseSerial(certificate.SerialNumber)))
        {
            return TrustDecision.For(TrustVerdict.Revoked, partner, certificate);
        }
        if (at < partner.ValidFrom)
        {
            return TrustDecision.For(TrustVerdict.NotYetValid, partner, certificate);
        }
        if (at > partner.ValidUntil)
        {
            return TrustDecision.For(TrustVerdict.Expired, partner, certificate);
        }
        return TrustDecision.For(TrustVerdict.Trusted, partner, certificate);
    }

    /// <summary>Upper-case hex without separators or leading zeros, so serials typed by operators compare equal.</summary>
    public static string NormaliseSerial(string serial)
    {
        ArgumentNullException.ThrowIfNull(serial);
        var hex = new string(serial.Where(Uri.IsHexDigit).ToArray()).ToUpperInvariant().TrimStart('0');
        return hex.Length == 0 ? "0" : hex;
    }

    private static FrozenSet<string> NormaliseSerials(IEnumerable<string> serials) =>
        serials.Select(NormaliseSerial).ToFrozenSet(StringComparer.Ordinal);
}
