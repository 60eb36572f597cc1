using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Exchange.As4.Security;

/// <summary>Recipient certificates for encryption tests: generated once per run, and the corpus' key stores.</summary>
internal static class TestCertificates
{
    private static readonly Lazy<X509Certificate2> LazyRecipient = new(() => Create("CN=Caravan Test Recipient, O=Caravan, C=EU"));
    private static readonly Lazy<X509Certificate2> LazyOther = new(() => Create("CN=Caravan Other Party, O=Caravan, C=EU"));

    /// <summary>An RSA-2048 certificate with its private key.</summary>
    public static X509Certificate2 Recipient => LazyRecipient.Value;

    /// <summary>A second RSA-2048 certificate with its private key, for wrong-key tests.</summary>
    public static X509Certificate2 Other => LazyOther.Value;

    public static X509Certificate2 PublicOnly(X509Certificate2 certificate) => X509CertificateLoader.LoadCertificate(certificate.RawData);

    public static X509Certificate2 FromCorpus(string fileName, string password) =>
        X509CertificateLoader.LoadPkcs12FromFile(
            Corpus.Path("as4-eessi-as4net", "source", "Eu.EDelivery.AS4.UnitTests", "Resources", fileName), password, X509KeyStorageFlags.EphemeralKeySet);

    private static X509Certificate2 Create(string subject)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, critical: false));
        var notBefore = new DateTimeOffset(2025, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return request.CreateSelfSigned(notBefore, notBefore.AddYears(20));
    }
}
