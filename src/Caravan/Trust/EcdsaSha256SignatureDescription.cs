using System.Security.Cryptography;

namespace Caravan.Trust;

/// <summary>
/// Teaches <see cref="System.Security.Cryptography.Xml.SignedXml"/> the XML-DSig 1.1 algorithm
/// <c>http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256</c>, which it does not know out of the box: SHA-256
/// digest, signature value as IEEE P1363 <c>r || s</c>. Registered with <see cref="CryptoConfig"/> by
/// <see cref="XmlDocumentSigner"/>; public only because CryptoConfig requires visible types.
/// </summary>
public sealed class EcdsaSha256SignatureDescription : SignatureDescription
{
    public const string Algorithm = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";

    public EcdsaSha256SignatureDescription()
    {
        KeyAlgorithm = typeof(ECDsa).AssemblyQualifiedName;
        DigestAlgorithm = typeof(SHA256).AssemblyQualifiedName;
    }

    public override HashAlgorithm CreateDigest() => SHA256.Create();

    public override AsymmetricSignatureFormatter CreateFormatter(AsymmetricAlgorithm key) =>
        new Formatter(key as ECDsa ?? throw new CryptographicException("ECDSA-SHA256 needs an ECDsa key."));

    public override AsymmetricSignatureDeformatter CreateDeformatter(AsymmetricAlgorithm key) =>
        new Deformatter(key as ECDsa ?? throw new CryptographicException("ECDSA-SHA256 needs an ECDsa key."));

    private sealed class Formatter(ECDsa key) : AsymmetricSignatureFormatter
    {
        public override byte[] CreateSignature(byte[] rgbHash) => key.SignHash(rgbHash);

        public override void SetHashAlgorithm(string strName)
        {
        }

        public override void SetKey(AsymmetricAlgorithm key) =>
            throw new NotSupportedException("The key is fixed at construction.");
    }

    private sealed class Deformatter(ECDsa key) : AsymmetricSignatureDeformatter
    {
        public override bool VerifySignature(byte[] rgbHash, byte[] rgbSignature) => key.VerifyHash(rgbHash, rgbSignature);

        public override void SetHashAlgorithm(string strName)
        {
        }

        public override void SetKey(AsymmetricAlgorithm key) =>
            throw new NotSupportedException("The key is fixed at construction.");
    }
}
