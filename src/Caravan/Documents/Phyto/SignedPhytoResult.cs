using Caravan.Documents.Common;
using Caravan.Trust;

namespace Caravan.Documents.Phyto;

/// <summary>
/// The outcome of verifying a signed certificate: the signature check, then (only when the signature is valid)
/// the certificate read from the signed bytes with its schema, mapping and business-rule errors.
/// </summary>
public sealed record SignedPhytoResult(DocumentSignatureResult Signature, DocumentResult<PhytosanitaryCertificate> Document)
{
    /// <summary>True when the signature is valid and the certificate has no errors.</summary>
    public bool IsValid => Signature.IsValid && Document.IsValid;
}
