using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Caravan.Node.Configuration;
using Caravan.Trust;

namespace Caravan.Node.Hosting;

/// <summary>Reads the partners' pinned certificates named in the configuration into trust-list entries.</summary>
public static class PartnerLoader
{
    public static IReadOnlyList<TrustedPartner> Load(NodeOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var partners = new List<TrustedPartner>();
        var errors = new List<string>();
        for (var i = 0; i < options.Partners.Count; i++)
        {
            var partner = options.Partners[i];
            try
            {
                var certificate = LoadCertificate(partner.Certificate);
                partners.Add(new TrustedPartner(partner.Country.ToUpperInvariant(), new Uri(partner.Endpoint), certificate, partner.TrustedFrom, partner.TrustedUntil));
            }
            catch (CryptographicException ex)
            {
                errors.Add($"Partners:{i}:Certificate: '{partner.Certificate}' is not a PEM or DER X.509 certificate ({ex.Message}).");
            }
        }
        if (errors.Count > 0)
        {
            throw new NodeConfigurationException(errors);
        }
        return partners;
    }

    public static X509Certificate2 LoadCertificate(string path)
    {
        var bytes = File.ReadAllBytes(path);
        return X509CertificateLoader.LoadCertificate(bytes);
    }
}
