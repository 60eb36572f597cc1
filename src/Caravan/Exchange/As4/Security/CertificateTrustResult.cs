namespace Caravan.Exchange.As4.Security;

/// <summary>Whether a signing certificate is trusted and whether it was within its validity period at the given instant.</summary>
public sealed record CertificateTrustResult(bool Trusted, bool ValidAtTime, string? Reason);
