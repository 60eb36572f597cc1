namespace Caravan.Exchange.As4.Security;

/// <summary>Why <see cref="WsEncryption.DecryptAsync(System.Xml.XmlDocument, IReadOnlyList{As4Attachment}, System.Security.Cryptography.X509Certificates.X509Certificate2, CancellationToken)"/> failed; every value maps to ebMS EBMS:0102 FailedDecryption.</summary>
public enum DecryptionFailureReason
{
    /// <summary>The security header holds no xenc:EncryptedKey.</summary>
    NoEncryptedKey,

    /// <summary>The EncryptedKey's KeyInfo names a certificate other than the ones offered.</summary>
    KeyNotForThisCertificate,

    /// <summary>RSA-OAEP unwrapping failed (wrong private key, corrupt CipherValue) or gave a key of the wrong length.</summary>
    KeyUnwrapFailed,

    /// <summary>AES-GCM authentication failed: ciphertext, tag or key was altered.</summary>
    AuthenticationTagMismatch,

    /// <summary>The ciphertext cannot be decrypted at all (too short, not whole CBC blocks, bad CBC padding).</summary>
    CiphertextCorrupt,

    /// <summary>A key transport, digest, MGF, data cipher, EncryptedData type or transform this implementation does not support.</summary>
    UnsupportedAlgorithm,

    /// <summary>An EncryptedData's CipherReference names a cid: for which there is no attachment.</summary>
    MissingAttachment,

    /// <summary>The encryption elements are structurally wrong (no CipherValue, bad base64, dangling DataReference).</summary>
    MalformedSecurityHeader,
}
