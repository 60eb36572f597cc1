using System.Security.Cryptography.X509Certificates;

namespace Caravan.Exchange.As4.Security;

/// <summary>
/// Decides trust in a signing certificate: it is trusted when it is one of the trust anchors, when it chains to
/// one of them (custom root trust, no revocation check), or when the caller trusts embedded certificates. Validity
/// is judged at an explicit instant (the message timestamp by default), never the wall clock.
/// </summary>
public static class CertificateTrustEvaluator
{
    public static CertificateTrustResult Evaluate(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> trustAnchors, bool trustAnyCertificate, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(trustAnchors);
        var validAt = certificate.NotBefore.ToUniversalTime() <= at.UtcDateTime && at.UtcDateTime <= certificate.NotAfter.ToUniversalTime();
        var trusted = trustAnyCertificate || trustAnchors.Any(a => a.RawDataMemory.Span.SequenceEqual(certificate.RawDataMemory.Span)) || ChainsTo(certificate, trustAnchors, at);
        string? reason = null;
        if (!trusted)
        {
            reason = "The signing certificate '" + certificate.Subject + "' is not trusted.";
        }
        else if (!validAt)
        {
            reason = "The signing certificate was not valid at " + at.ToString("O", System.Globalization.CultureInfo.InvariantCulture) + ".";
        }
        return new CertificateTrustResult(trusted, validAt, reason);
    }

    private static bool ChainsTo(X509Certificate2 certificate, IReadOnlyList<X509Certificate2> anchors, DateTimeOffset at)
    {
        if (anchors.Count == 0)
        {
            return false;
        }
        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        chain.ChainPolicy.VerificationTime = at.UtcDateTime;
        chain.ChainPolicy.DisableCertificateDownloads = true;
        foreach (var anchor in anchors)
        {
            if (anchor.SubjectName.RawData.AsSpan().SequenceEqual(anchor.IssuerName.RawData))
            {
                chain.ChainPolicy.CustomTrustStore.Add(anchor);
            }
            else
            {
                chain.ChainPolicy.ExtraStore.Add(anchor);
            }
        }
        if (chain.ChainPolicy.CustomTrustStore.Count == 0)
        {
            return false;
        }
        return chain.Build(certificate);
    }
}
