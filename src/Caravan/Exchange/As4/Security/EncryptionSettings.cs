using Caravan.Exchange.As4.Crypto;

namespace Caravan.Exchange.As4.Security;

/// <summary>
/// Algorithms used when encrypting. The default is the eDelivery AS4 profile's choice; the others exist to
/// produce interoperability test messages (legacy CBC, rsa-oaep-mgf1p) and are not offered publicly.
/// </summary>
internal sealed record EncryptionSettings(DataEncryptionAlgorithm Data, bool UseMgf1pIdentifier, RsaOaepParameters KeyTransport)
{
    /// <summary>aes128-gcm with xenc11#rsa-oaep, SHA-256 and MGF1-SHA-256.</summary>
    public static EncryptionSettings Default { get; } = new(DataEncryptionAlgorithm.Aes128Gcm, false, RsaOaepParameters.Sha256);
}
