using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace Caravan.Exchange.As4.Security;

/// <summary>
/// What an xenc:EncryptedKey's ds:KeyInfo says about the certificate the key was wrapped for: issuer and
/// serial, subject key identifier, SHA-1 thumbprint, or the certificate itself (embedded, or a
/// wsse:BinarySecurityToken reached through wsse:Reference).
/// </summary>
internal sealed class RecipientReference
{
    private RecipientReference()
    {
    }

    public string? IssuerName { get; private set; }

    public BigInteger? SerialNumber { get; private set; }

    public byte[]? SubjectKeyIdentifier { get; private set; }

    public byte[]? Sha1Thumbprint { get; private set; }

    public X509Certificate2? Certificate { get; private set; }

    /// <summary>A wsse:Reference whose target could not be found or read as a certificate.</summary>
    public string? UnresolvedReference { get; private set; }

    /// <summary>True when the KeyInfo says nothing usable, so any candidate key may be tried.</summary>
    public bool IsEmpty =>
        SerialNumber is null && SubjectKeyIdentifier is null && Sha1Thumbprint is null && Certificate is null && UnresolvedReference is null;

    public static RecipientReference Parse(XmlElement encryptedKey)
    {
        ArgumentNullException.ThrowIfNull(encryptedKey);
        var reference = new RecipientReference();
        var keyInfo = EncryptionXml.Child(encryptedKey, EncryptionUris.Ds, "KeyInfo");
        if (keyInfo is null)
        {
            return reference;
        }
        foreach (var element in EncryptionXml.Descendants(keyInfo))
        {
            switch (element.NamespaceURI, element.LocalName)
            {
                case (EncryptionUris.Ds, "X509IssuerSerial"):
                    reference.IssuerName = EncryptionXml.Child(element, EncryptionUris.Ds, "X509IssuerName")?.InnerText.Trim();
                    if (BigInteger.TryParse(EncryptionXml.Child(element, EncryptionUris.Ds, "X509SerialNumber")?.InnerText.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var serial))
                    {
                        reference.SerialNumber = serial;
                    }
                    break;
                case (EncryptionUris.Ds, "X509SKI"):
                    reference.SubjectKeyIdentifier = TryBase64(element.InnerText);
                    break;
                case (EncryptionUris.Ds, "X509Certificate"):
                    reference.Certificate = TryCertificate(element.InnerText);
                    break;
                case (EncryptionUris.Wsse, "KeyIdentifier"):
                    reference.ReadKeyIdentifier(element);
                    break;
                case (EncryptionUris.Wsse, "Reference"):
                    reference.ResolveTokenReference(element);
                    break;
                default:
                    break;
            }
        }
        return reference;
    }

    public bool Matches(X509Certificate2 candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        if (Certificate is not null)
        {
            return Certificate.RawDataMemory.Span.SequenceEqual(candidate.RawDataMemory.Span);
        }
        if (SerialNumber is { } serial)
        {
            var candidateSerial = new BigInteger(candidate.SerialNumberBytes.Span, isUnsigned: false, isBigEndian: true);
            return serial == candidateSerial && (IssuerName is null || SameName(IssuerName, candidate.IssuerName));
        }
        if (SubjectKeyIdentifier is not null)
        {
            var extension = candidate.Extensions.OfType<X509SubjectKeyIdentifierExtension>().FirstOrDefault();
            return extension is not null && extension.SubjectKeyIdentifierBytes.Span.SequenceEqual(SubjectKeyIdentifier);
        }
        if (Sha1Thumbprint is not null)
        {
            return candidate.GetCertHash(HashAlgorithmName.SHA1).AsSpan().SequenceEqual(Sha1Thumbprint);
        }
        return UnresolvedReference is null;
    }

    /// <summary>Names the referenced certificate for a failure message (no secrets: all of this is public).</summary>
    public string Describe()
    {
        if (Certificate is not null)
        {
            return $"certificate '{Certificate.Subject}' (serial {Certificate.SerialNumber})";
        }
        if (SerialNumber is { } serial)
        {
            return $"issuer '{IssuerName}' serial {serial.ToString(CultureInfo.InvariantCulture)}";
        }
        if (SubjectKeyIdentifier is not null)
        {
            return $"subject key identifier {Convert.ToHexString(SubjectKeyIdentifier)}";
        }
        if (Sha1Thumbprint is not null)
        {
            return $"SHA-1 thumbprint {Convert.ToHexString(Sha1Thumbprint)}";
        }
        return UnresolvedReference is not null ? $"unresolvable token reference '{UnresolvedReference}'" : "no certificate";
    }

    private void ReadKeyIdentifier(XmlElement element)
    {
        var valueType = element.GetAttribute("ValueType");
        if (valueType == EncryptionUris.SubjectKeyIdentifierValueType)
        {
            SubjectKeyIdentifier = TryBase64(element.InnerText);
        }
        else if (valueType == EncryptionUris.ThumbprintSha1ValueType)
        {
            Sha1Thumbprint = TryBase64(element.InnerText);
        }
        else if (valueType == EncryptionUris.X509v3ValueType)
        {
            Certificate = TryCertificate(element.InnerText);
        }
    }

    private void ResolveTokenReference(XmlElement element)
    {
        var uri = element.GetAttribute("URI");
        var target = uri.StartsWith('#') ? EncryptionXml.FindById(element.OwnerDocument, uri[1..]) : null;
        var certificate = target is { LocalName: "BinarySecurityToken" } ? TryCertificate(target.InnerText) : null;
        if (certificate is null)
        {
            UnresolvedReference = uri;
        }
        else
        {
            Certificate = certificate;
        }
    }

    private static byte[]? TryBase64(string text)
    {
        try
        {
            return Convert.FromBase64String(text.Trim());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static X509Certificate2? TryCertificate(string base64)
    {
        var bytes = TryBase64(base64);
        if (bytes is null)
        {
            return null;
        }
        try
        {
            return X509CertificateLoader.LoadCertificate(bytes);
        }
        catch (CryptographicException)
        {
            return null;
        }
    }

    /// <summary>Compares a written distinguished name with a certificate's, attribute by attribute, ignoring order, case and spacing.</summary>
    internal static bool SameName(string written, X500DistinguishedName actual)
    {
        // The usual case, a name written as .NET and most stacks format it, needs no parsing.
        if (string.Equals(written, actual.Name, StringComparison.Ordinal))
        {
            return true;
        }
        try
        {
            return Normalize(new X500DistinguishedName(written)) == Normalize(actual);
        }
        catch (CryptographicException)
        {
            return string.Equals(written.Trim(), actual.Name, StringComparison.OrdinalIgnoreCase);
        }
    }

    private static string Normalize(X500DistinguishedName name)
    {
        var parts = name.EnumerateRelativeDistinguishedNames()
            .Select(rdn => rdn.HasMultipleElements
                ? Convert.ToHexString(rdn.RawData.Span)
                : rdn.GetSingleElementType().Value + "=" + string.Join(' ', (rdn.GetSingleElementValue() ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)).ToUpperInvariant())
            .Order(StringComparer.Ordinal);
        return string.Join(",", parts);
    }
}
