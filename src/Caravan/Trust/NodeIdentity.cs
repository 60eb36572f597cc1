using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Caravan.Trust;

/// <summary>
/// A node's signing and decryption identity: an X.509 certificate with its private key. Loaded from a PKCS#12
/// file, or generated into the node's data folder on first run (RSA-2048, self-signed, for pinning by partners).
/// </summary>
public sealed class NodeIdentity : IDisposable
{
    private const string GeneratedFileName = "node-identity.pfx";
    private const string GeneratedPasswordFileName = "node-identity.pfx.password";

    private NodeIdentity(X509Certificate2 certificate) => Certificate = certificate;

    /// <summary>The certificate with its private key.</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The public part only, as partners receive it (DER).</summary>
    public byte[] ExportPublicCertificate() => Certificate.Export(X509ContentType.Cert);

    /// <summary>The public certificate as PEM text.</summary>
    public string ExportPublicCertificatePem() => Certificate.ExportCertificatePem();

    /// <summary>Loads a PKCS#12 file; a missing file, wrong password or key-less certificate is an error naming the file.</summary>
    public static NodeIdentity LoadPkcs12(string path, string? password)
    {
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"Identity:Pkcs12Path: file '{path}' does not exist.");
        }
        X509Certificate2 certificate;
        try
        {
            certificate = X509CertificateLoader.LoadPkcs12FromFile(path, password, X509KeyStorageFlags.EphemeralKeySet | X509KeyStorageFlags.Exportable);
        }
        catch (CryptographicException ex)
        {
            throw new InvalidOperationException($"Identity:Pkcs12Path: '{path}' could not be opened ({ex.Message}); check Identity:Password.", ex);
        }
        if (!certificate.HasPrivateKey)
        {
            certificate.Dispose();
            throw new InvalidOperationException($"Identity:Pkcs12Path: '{path}' holds no private key.");
        }
        ValidateKey(certificate, path);
        return new NodeIdentity(certificate);
    }

    /// <summary>
    /// Loads the identity generated earlier into <paramref name="dataFolder"/>, or generates and saves a new one.
    /// The PKCS#12 file and its random password file are created readable by the owner only.
    /// </summary>
    public static NodeIdentity LoadOrCreate(string dataFolder, string countryCode, string organisation, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        Directory.CreateDirectory(dataFolder);
        var pfxPath = Path.Combine(dataFolder, GeneratedFileName);
        var passwordPath = Path.Combine(dataFolder, GeneratedPasswordFileName);
        if (File.Exists(pfxPath) && File.Exists(passwordPath))
        {
            return LoadPkcs12(pfxPath, File.ReadAllText(passwordPath).Trim());
        }

        var certificate = CreateSelfSigned(countryCode, organisation, time.GetUtcNow(), TimeSpan.FromDays(730));
        var password = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        WriteOwnerOnly(passwordPath, System.Text.Encoding.UTF8.GetBytes(password));
        WriteOwnerOnly(pfxPath, certificate.Export(X509ContentType.Pkcs12, password));
        return new NodeIdentity(certificate);
    }

    /// <summary>Wraps an existing certificate with a private key (tests, benchmarks).</summary>
    public static NodeIdentity FromCertificate(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        if (!certificate.HasPrivateKey)
        {
            throw new ArgumentException("The certificate has no private key.", nameof(certificate));
        }
        return new NodeIdentity(certificate);
    }

    /// <summary>Creates a self-signed RSA-2048 node certificate valid from <paramref name="notBefore"/> for <paramref name="lifetime"/>.</summary>
    public static X509Certificate2 CreateSelfSigned(string countryCode, string organisation, DateTimeOffset notBefore, TimeSpan lifetime)
    {
        using var rsa = RSA.Create(2048);
        var name = new X500DistinguishedNameBuilder();
        name.AddCommonName($"Caravan node {countryCode}");
        name.AddOrganizationName(organisation);
        name.AddCountryOrRegion(countryCode);
        var request = new CertificateRequest(name.Build(), rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(
            X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.NonRepudiation | X509KeyUsageFlags.KeyEncipherment, true));
        request.CertificateExtensions.Add(new X509SubjectKeyIdentifierExtension(request.PublicKey, false));
        var serial = RandomNumberGenerator.GetBytes(16);
        serial[0] &= 0x7F;
        using var created = request.Create(request.SubjectName, X509SignatureGenerator.CreateForRSA(rsa, RSASignaturePadding.Pkcs1),
            notBefore.AddMinutes(-5), notBefore.Add(lifetime), serial);
        using var withKey = created.CopyWithPrivateKey(rsa);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.EphemeralKeySet | X509KeyStorageFlags.Exportable);
    }

    private static void ValidateKey(X509Certificate2 certificate, string path)
    {
        using var rsa = certificate.GetRSAPublicKey();
        if (rsa is not null)
        {
            if (rsa.KeySize < 2048)
            {
                throw new InvalidOperationException($"Identity:Pkcs12Path: '{path}' holds an RSA key of {rsa.KeySize} bits; at least 2048 are required.");
            }
            return;
        }
        using var ecdsa = certificate.GetECDsaPublicKey();
        if (ecdsa is null || ecdsa.KeySize != 256)
        {
            throw new InvalidOperationException($"Identity:Pkcs12Path: '{path}' must hold an RSA-2048+ or ECDSA P-256 key.");
        }
    }

    private static void WriteOwnerOnly(string path, byte[] bytes)
    {
        using (var stream = new FileStream(path, FileMode.CreateNew, FileAccess.Write))
        {
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
            stream.Write(bytes);
        }
    }

    public void Dispose() => Certificate.Dispose();
}
