using System.Security.Cryptography.X509Certificates;
using Caravan.Exchange.As4.Security;

namespace Caravan.Exchange.As4.Inspection;

/// <summary>
/// How to inspect: trust anchors (also used to resolve IssuerSerial / SKI key references), whether to trust a
/// certificate embedded in the message, our decryption certificate, and the
/// instant at which certificate validity is judged (default: the message's eb:Timestamp).
/// </summary>
public sealed record As4InspectionOptions
{
    public IReadOnlyList<X509Certificate2> TrustedCertificates { get; init; } = [];

    public bool TrustEmbedded { get; init; }

    public X509Certificate2? DecryptionCertificate { get; init; }

    public DateTimeOffset? At { get; init; }
}
