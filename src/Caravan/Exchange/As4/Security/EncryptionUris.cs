using System.Security.Cryptography;
using Caravan.Exchange.As4.Crypto;

namespace Caravan.Exchange.As4.Security;

/// <summary>Namespaces and algorithm identifiers of WS-Security, XML Encryption 1.0/1.1 and the SwA profile.</summary>
internal static class EncryptionUris
{
    public const string Soap12 = "http://www.w3.org/2003/05/soap-envelope";
    public const string Soap11 = "http://schemas.xmlsoap.org/soap/envelope/";
    public const string Wsse = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd";
    public const string Wsse11 = "http://docs.oasis-open.org/wss/oasis-wss-wssecurity-secext-1.1.xsd";
    public const string Wsu = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-utility-1.0.xsd";
    public const string Xenc = "http://www.w3.org/2001/04/xmlenc#";
    public const string Xenc11 = "http://www.w3.org/2009/xmlenc11#";
    public const string Ds = "http://www.w3.org/2000/09/xmldsig#";
    public const string XmlnsNamespace = "http://www.w3.org/2000/xmlns/";

    public const string AttachmentContentOnly = "http://docs.oasis-open.org/wss/oasis-wss-SwAProfile-1.1#Attachment-Content-Only";
    public const string AttachmentComplete = "http://docs.oasis-open.org/wss/oasis-wss-SwAProfile-1.1#Attachment-Complete";
    public const string AttachmentCiphertextTransform = "http://docs.oasis-open.org/wss/oasis-wss-SwAProfile-1.1#Attachment-Ciphertext-Transform";
    public const string EncryptedKeyTokenType = "http://docs.oasis-open.org/wss/oasis-wss-soap-message-security-1.1#EncryptedKey";
    public const string X509v3ValueType = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509v3";
    public const string SubjectKeyIdentifierValueType = "http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-x509-token-profile-1.0#X509SubjectKeyIdentifier";
    public const string ThumbprintSha1ValueType = "http://docs.oasis-open.org/wss/oasis-wss-soap-message-security-1.1#ThumbprintSHA1";

    public const string RsaOaepMgf1p = "http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p";
    public const string RsaOaep = "http://www.w3.org/2009/xmlenc11#rsa-oaep";
    public const string Rsa15 = "http://www.w3.org/2001/04/xmlenc#rsa-1_5";

    public const string Sha1 = "http://www.w3.org/2000/09/xmldsig#sha1";
    public const string Sha256 = "http://www.w3.org/2001/04/xmlenc#sha256";
    public const string Sha384 = "http://www.w3.org/2001/04/xmldsig-more#sha384";
    public const string Sha512 = "http://www.w3.org/2001/04/xmlenc#sha512";

    public const string Mgf1Sha1 = "http://www.w3.org/2009/xmlenc11#mgf1sha1";
    public const string Mgf1Sha256 = "http://www.w3.org/2009/xmlenc11#mgf1sha256";
    public const string Mgf1Sha384 = "http://www.w3.org/2009/xmlenc11#mgf1sha384";
    public const string Mgf1Sha512 = "http://www.w3.org/2009/xmlenc11#mgf1sha512";

    public static string DataAlgorithm(DataEncryptionAlgorithm algorithm) =>
        algorithm switch
        {
            DataEncryptionAlgorithm.Aes128Gcm => Xenc11 + "aes128-gcm",
            DataEncryptionAlgorithm.Aes192Gcm => Xenc11 + "aes192-gcm",
            DataEncryptionAlgorithm.Aes256Gcm => Xenc11 + "aes256-gcm",
            DataEncryptionAlgorithm.Aes128Cbc => Xenc + "aes128-cbc",
            DataEncryptionAlgorithm.Aes192Cbc => Xenc + "aes192-cbc",
            DataEncryptionAlgorithm.Aes256Cbc => Xenc + "aes256-cbc",
            _ => throw new ArgumentOutOfRangeException(nameof(algorithm), algorithm, null),
        };

    public static DataEncryptionAlgorithm? ParseDataAlgorithm(string uri)
    {
        foreach (var candidate in Enum.GetValues<DataEncryptionAlgorithm>())
        {
            if (string.Equals(DataAlgorithm(candidate), uri, StringComparison.Ordinal))
            {
                return candidate;
            }
        }
        return null;
    }

    public static HashAlgorithmName? ParseDigest(string uri) =>
        uri switch
        {
            Sha1 => HashAlgorithmName.SHA1,
            Sha256 => HashAlgorithmName.SHA256,
            Sha384 => HashAlgorithmName.SHA384,
            Sha512 => HashAlgorithmName.SHA512,
            _ => null,
        };

    public static HashAlgorithmName? ParseMgf(string uri) =>
        uri switch
        {
            Mgf1Sha1 => HashAlgorithmName.SHA1,
            Mgf1Sha256 => HashAlgorithmName.SHA256,
            Mgf1Sha384 => HashAlgorithmName.SHA384,
            Mgf1Sha512 => HashAlgorithmName.SHA512,
            _ => null,
        };

    public static string DigestUri(HashAlgorithmName digest) =>
        digest.Name switch
        {
            "SHA1" => Sha1,
            "SHA256" => Sha256,
            "SHA384" => Sha384,
            "SHA512" => Sha512,
            _ => throw new ArgumentOutOfRangeException(nameof(digest), digest.Name, "No XML Encryption digest URI."),
        };

    public static string MgfUri(HashAlgorithmName digest) =>
        digest.Name switch
        {
            "SHA1" => Mgf1Sha1,
            "SHA256" => Mgf1Sha256,
            "SHA384" => Mgf1Sha384,
            "SHA512" => Mgf1Sha512,
            _ => throw new ArgumentOutOfRangeException(nameof(digest), digest.Name, "No XML Encryption MGF URI."),
        };
}
