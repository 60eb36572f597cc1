using System.Security.Cryptography;

namespace Caravan.Exchange.As4.Crypto;

/// <summary>RSA-OAEP settings as XML Encryption spells them: the OAEP digest, the MGF1 digest and the label (OAEPparams).</summary>
internal sealed record RsaOaepParameters(HashAlgorithmName Digest, HashAlgorithmName MaskDigest, byte[] Label)
{
    /// <summary>xenc11#rsa-oaep with SHA-256 and mgf1sha256, as the eDelivery AS4 profile asks.</summary>
    public static RsaOaepParameters Sha256 { get; } = new(HashAlgorithmName.SHA256, HashAlgorithmName.SHA256, []);
}
