using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Caravan.Tests.Trust;

/// <summary>Self-signed signing certificates made once per test run (fixed validity, no ambient clock).</summary>
internal static class TestCertificates
{
    private static readonly DateTimeOffset NotBefore = new(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset NotAfter = new(2035, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static readonly Lazy<X509Certificate2> LazyRsa = new(() => CreateRsa("CN=Department of Foreign Trade, C=TH"));
    private static readonly Lazy<X509Certificate2> LazyOtherRsa = new(() => CreateRsa("CN=Impostor, C=TH"));
    private static readonly Lazy<X509Certificate2> LazyEcdsa = new(() =>
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Customs Viet Nam, C=VN", key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(NotBefore, NotAfter);
    });

    public static X509Certificate2 Rsa => LazyRsa.Value;

    public static X509Certificate2 OtherRsa => LazyOtherRsa.Value;

    public static X509Certificate2 Ecdsa => LazyEcdsa.Value;

    private static X509Certificate2 CreateRsa(string subject)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return request.CreateSelfSigned(NotBefore, NotAfter);
    }
}
