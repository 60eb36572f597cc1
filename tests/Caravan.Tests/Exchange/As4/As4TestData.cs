using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Caravan.Exchange.As4;
using Caravan.Exchange.As4.Model;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Exchange.As4;

internal static class As4TestData
{
    public const string SoapContentType = "application/soap+xml";

    public static string Resource(string name) => Corpus.Path("as4-eessi-as4net", "source", "Eu.EDelivery.AS4.UnitTests", "Resources", name);

    public static FileStream Open(string name) => File.OpenRead(Resource(name));

    /// <summary>The content type of a raw multipart corpus file: the boundary is its first non-empty line minus "--".</summary>
    public static string MultipartContentType(string name)
    {
        using var reader = new StreamReader(Resource(name));
        string? line;
        while ((line = reader.ReadLine()) is not null && line.Length == 0)
        {
        }
        return "multipart/related; boundary=\"" + line![2..] + "\"; type=\"application/soap+xml\"";
    }

    public static X509Certificate2 LoadCer(string name) => X509CertificateLoader.LoadCertificateFromFile(Resource(name));

    public static X509Certificate2 LoadPfx(string name, string password) => X509CertificateLoader.LoadPkcs12FromFile(Resource(name), password);

    public static X509Certificate2 CreateRsaCertificate(string subject = "CN=caravan-test", DateTimeOffset? notBefore = null)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest(subject, rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var from = notBefore ?? new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return request.CreateSelfSigned(from, from.AddYears(30));
    }

    public static X509Certificate2 CreateEcdsaCertificate(string subject = "CN=caravan-ec-test")
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, ecdsa, HashAlgorithmName.SHA256);
        var from = new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);
        return request.CreateSelfSigned(from, from.AddYears(30));
    }

    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static As4UserMessage UserMessage(params As4PartInfo[] parts) =>
        new("msg-1@caravan.test", Now, null,
            new As4Party(new As4PartyId("KE-NSW", "urn:caravan:nsw"), "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/initiator"),
            new As4Party(new As4PartyId("TZ-NSW", "urn:caravan:nsw"), "http://docs.oasis-open.org/ebxml-msg/ebms/v3.0/ns/core/200704/responder"),
            "urn:caravan:service:trade", "SubmitCertificate", "conv-1")
        {
            ServiceType = "urn:caravan:services",
            AgreementRef = "urn:caravan:agreement",
            PModeId = "caravan-push",
            MessageProperties = [new As4Property("originalSender", "KE-TRADER-1"), new As4Property("finalRecipient", "TZ-CUSTOMS")],
            PayloadInfo = parts,
        };

    public static As4Attachment Attachment(string contentId, byte[] bytes, string contentType = "application/xml") =>
        new(contentId, contentType, PayloadContent.FromBytes(bytes));
}
