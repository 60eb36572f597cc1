using System.Security.Cryptography.X509Certificates;
using System.Xml;
using Caravan.Documents.Common;
using Caravan.Trust;

namespace Caravan.Documents.Phyto;

/// <summary>
/// Signs ePhyto certificates with an enveloped XML-DSig signature (<see cref="XmlDocumentSigner"/>, the signature
/// is the last child of <c>rsm:SPSCertificate</c>) and verifies them: signature first, then hub schema, model and
/// business rules on the very bytes that were signed. Whether the signer is trusted is the caller's decision.
/// </summary>
public static class PhytoSigning
{
    /// <summary>Writes the certificate and signs it with the certificate's private key; returns UTF-8 XML.</summary>
    public static byte[] Sign(PhytosanitaryCertificate certificate, X509Certificate2 signer)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        ArgumentNullException.ThrowIfNull(signer);
        var document = PhytoXml.ToXmlDocument(certificate);
        XmlDocumentSigner.Sign(document, signer);
        return SecureXml.ToUtf8Bytes(document);
    }

    /// <summary>Verifies a signed certificate; when the signature is not valid the document is not read.</summary>
    public static SignedPhytoResult Verify(ReadOnlyMemory<byte> signedXml, PhytoReadMode mode = PhytoReadMode.Strict)
    {
        if (!SecureXml.TryLoad(signedXml, out var document, out var error))
        {
            var failure = DocumentSignatureResult.Invalid(DocumentSignatureFailure.Malformed, "The XML is not well-formed: " + error);
            return new(failure, new(null, [new DocumentError(string.Empty, PhytoErrorCodes.XmlSyntax, error ?? "Not well-formed.")]));
        }
        return Verify(document, signedXml, mode);
    }

    private static SignedPhytoResult Verify(XmlDocument document, ReadOnlyMemory<byte> bytes, PhytoReadMode mode)
    {
        var signature = XmlDocumentSigner.Verify(document);
        if (!signature.IsValid)
        {
            return new(signature, new(null,
            [
                new DocumentError(string.Empty, PhytoErrorCodes.Signature, $"{signature.Failure}: {signature.Reason}"),
            ]));
        }
        // Read the same bytes with line numbers; the reader skips the enveloped ds:Signature.
        return new(signature, PhytoXml.Read(bytes, mode));
    }
}
