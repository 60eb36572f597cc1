namespace Caravan.Exchange.As4.Crypto;

/// <summary>Block ciphers for attachment content: AES-GCM (XML Encryption 1.1) and legacy AES-CBC (XML Encryption 1.0).</summary>
internal enum DataEncryptionAlgorithm
{
    Aes128Gcm,
    Aes192Gcm,
    Aes256Gcm,
    Aes128Cbc,
    Aes192Cbc,
    Aes256Cbc,
}
