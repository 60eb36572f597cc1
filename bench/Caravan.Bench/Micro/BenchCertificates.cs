using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Caravan.Bench.Micro;

/// <summary>Self-signed signing certificates with fresh keys, made in a benchmark's [GlobalSetup] (fixed validity, no ambient clock).</summary>
internal static class BenchCertificates
{
    private static readonly DateTimeOffset NotBefore = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NotAfter = new(2035, 1, 1, 0, 0, 0, TimeSpan.Zero);

    public static X509Certificate2 CreateRsa2048(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(NotBefore, NotAfter);
    }

    public static X509Certificate2 CreateEcdsaP256(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(NotBefore, NotAfter);
    }

    public static X509Certificate2 Create(SignatureKey key) => key switch
    {
        SignatureKey.Rsa2048 => CreateRsa2048("CN=Department of Foreign Trade, C=TH"),
        SignatureKey.EcdsaP256 => CreateEcdsaP256("CN=Customs Viet Nam, C=VN"),
        _ => throw new ArgumentOutOfRangeException(nameof(key), key, null),
    };
}
