using Caravan.Common;

namespace Caravan.Trust;

/// <summary>
/// The rule every signed business document received from a partner must pass, whatever its type: its own XML
/// signature is valid, and the signer is the trusted node of the very country that sent it (pinned, inside its
/// validity window, not revoked) at the time of receipt.
/// </summary>
public static class PartnerDocumentCheck
{
    /// <summary>Returns null when the document's signer is <paramref name="fromCountry"/>'s trusted node; otherwise the failure to answer with.</summary>
    public static Failure? SignedBySender(TrustList trustList, DocumentSignatureResult signature, string fromCountry, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(trustList);
        ArgumentNullException.ThrowIfNull(signature);
        if (!signature.IsValid || signature.SignerCertificate is null)
        {
            return new Failure(FailureKind.Untrusted, "document.signature_invalid", $"The document's signature is not valid: {signature.Reason}");
        }
        var trust = trustList.Evaluate(signature.SignerCertificate, at);
        if (!trust.IsTrusted || !string.Equals(trust.Partner?.CountryCode, fromCountry, StringComparison.OrdinalIgnoreCase))
        {
            return new Failure(FailureKind.Untrusted, "document.signer_untrusted", $"The document is not signed by {fromCountry}'s trusted node: {trust.Reason}");
        }
        return null;
    }
}
