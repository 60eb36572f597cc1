using System.Security.Cryptography;
using System.Xml;
using Caravan.Documents.Origin;
using Caravan.Documents.Phyto;
using Caravan.Documents.Rendering;
using Caravan.Node.Hosting;
using Caravan.Storage;
using Caravan.Trust;
using Caravan.Window.Certificates;

namespace Caravan.Node.Portal;

/// <summary>
/// Checks certificates for the public verification page. An uploaded file is authentic when its enveloped XML
/// signature is valid, the signer is this node's own certificate or a partner's pinned certificate trusted on the
/// certificate's issue date (not revoked), and the signer's country is the certificate's issuing country. A link
/// (<see cref="VerificationLink"/>) resolves only when its key matches the stored signed document; a wrong key and
/// an unknown certificate give the same answer.
/// </summary>
public sealed class CertificateVerifier(NodeRuntime runtime, CertificateStore certificates, CaravanDatabase database)
{
    public const int MaxUploadBytes = 2 * 1024 * 1024;

    public async Task<CertificateVerification> VerifyUploadAsync(ReadOnlyMemory<byte> file, CancellationToken cancellationToken)
    {
        if (file.Length == 0)
        {
            return NotAuthentic("The file is empty.");
        }
        if (file.Length > MaxUploadBytes)
        {
            return NotAuthentic($"The file is larger than {MaxUploadBytes / (1024 * 1024)} MB; a certificate is much smaller.");
        }
        if (!SecureXml.TryLoad(file, out var xml, out var xmlError))
        {
            return NotAuthentic($"The file is not a well-formed XML document ({xmlError}).");
        }
        var signature = XmlDocumentSigner.Verify(xml);
        if (!signature.IsValid || signature.SignerCertificate is null)
        {
            return NotAuthentic($"The signature is not valid: {signature.Reason}");
        }
        var facts = ReadFacts(xml, out var invalid);
        if (facts is null)
        {
            return NotAuthentic(invalid!);
        }
        var issuingCountry = facts.IssuingCountry;
        var signerCountry = SignerCountry(signature.SignerCertificate, facts.IssueDate, out var trustProblem);
        if (signerCountry is null)
        {
            return NotAuthentic($"The signature is valid but the signer is not trusted: {trustProblem}");
        }
        if (!string.Equals(signerCountry, issuingCountry, StringComparison.OrdinalIgnoreCase))
        {
            return NotAuthentic($"The certificate says it was issued in {issuingCountry} but it is signed by the node of {signerCountry}.");
        }
        var held = await database.ReadAsync((c, ct) => certificates.FindAsync(issuingCountry, facts.Number, c, null, ct), cancellationToken).ConfigureAwait(false);
        var sameDocument = held is not null && SecureXml.TryLoad(System.Text.Encoding.UTF8.GetBytes(held.SignedXml), out var heldXml, out _)
            && SignatureValue(heldXml) is { } heldValue && SignatureValue(xml) is { } givenValue
            && CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(heldValue), System.Text.Encoding.ASCII.GetBytes(givenValue));
        return Describe(facts, true,
            sameDocument
                ? $"The signature is valid and was made by the trusted node of {signerCountry}."
                : $"The signature is valid and was made by the trusted node of {signerCountry}. This node holds no record of its current status.",
            sameDocument ? held : null);
    }

    /// <summary>Resolves a verification link; null (not found) when the certificate is unknown or the key does not match.</summary>
    public async Task<CertificateVerification?> VerifyLinkAsync(string issuingCountry, string number, string? key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(issuingCountry);
        ArgumentNullException.ThrowIfNull(number);
        if (issuingCountry.Length != 2 || number.Length > 100)
        {
            return null;
        }
        var held = await database.ReadAsync((c, ct) => certificates.FindAsync(issuingCountry.ToUpperInvariant(), number, c, null, ct), cancellationToken).ConfigureAwait(false);
        if (held is null || !VerificationLink.Matches(held.SignedXml, key))
        {
            return null;
        }
        if (!SecureXml.TryLoad(System.Text.Encoding.UTF8.GetBytes(held.SignedXml), out var xml, out _) || ReadFacts(xml, out _) is not { } facts)
        {
            throw new InvalidOperationException($"Stored certificate {issuingCountry}/{number} no longer parses.");
        }
        return Describe(facts, true, $"This certificate is on record at the {runtime.Options.Country.Name} single window.", held);
    }

    /// <summary>What the page may show of a certificate, whatever its type: a certificate of origin or an ePhyto.</summary>
    private sealed record Facts(string IssuingCountry, string Number, string? Authority, DateOnly IssueDate, string? Exporter, string? ImportingCountry);

    private static Facts? ReadFacts(XmlDocument xml, out string? problem)
    {
        problem = null;
        if (xml.DocumentElement is { LocalName: "SPSCertificate", NamespaceURI: PhytoXml.RsmNamespace })
        {
            var phyto = PhytoXml.Read(xml);
            if (!phyto.IsValid)
            {
                problem = "The file is signed but is not a valid ePhyto: " + string.Join("; ", phyto.Errors.Take(3).Select(e => e.Message));
                return null;
            }
            var d = phyto.Document!;
            return new Facts(d.Consignment!.ExportCountry!.Id!.Value.Value, d.Document!.Id!, d.Document.IssuerName, d.Document.IssueDateTime!.Value.Date,
                d.Consignment.Consignor?.Name, d.Consignment.ImportCountry?.Id?.Value);
        }
        var read = CertificateOfOriginXml.Read(xml, CertificateOfOriginStage.Issued);
        if (!read.IsValid)
        {
            problem = "The file is signed but is not a valid certificate of origin or ePhyto: " + string.Join("; ", read.Errors.Take(3).Select(e => e.Message));
            return null;
        }
        var c = read.Document!;
        return new Facts(c.IssuingCountry!.Value.Value, c.CertificateNumber!, c.IssuingAuthority?.Name, c.IssueDate!.Value, c.Exporter?.Name, c.ImportingCountry?.Value);
    }

    private string? SignerCountry(System.Security.Cryptography.X509Certificates.X509Certificate2 signer, DateOnly issueDate, out string? problem)
    {
        problem = null;
        var own = runtime.Identity.Certificate;
        if (string.Equals(signer.GetCertHashString(HashAlgorithmName.SHA256), own.GetCertHashString(HashAlgorithmName.SHA256), StringComparison.OrdinalIgnoreCase))
        {
            if (runtime.TrustList.RevokedSerials.Contains(TrustList.NormaliseSerial(own.SerialNumber)))
            {
                problem = $"certificate {own.SerialNumber} is revoked";
                return null;
            }
            return runtime.CountryCode;
        }
        // The XML signature carries no signing time; the certificate was signed on its issue date, so the signer
        // must have been trusted at some instant of that (UTC) day.
        var dayStart = new DateTimeOffset(issueDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var start = runtime.TrustList.Evaluate(signer, dayStart);
        var end = runtime.TrustList.Evaluate(signer, dayStart.AddDays(1).AddTicks(-1));
        var decision = start.IsTrusted ? start : end;
        if (!decision.IsTrusted)
        {
            problem = decision.Reason;
            return null;
        }
        return decision.Partner!.CountryCode;
    }

    private static string? SignatureValue(XmlDocument document) =>
        document.GetElementsByTagName("SignatureValue", System.Security.Cryptography.Xml.SignedXml.XmlDsigNamespaceUrl) is { Count: 1 } values
            ? new string(values[0]!.InnerText.Where(c => !char.IsWhiteSpace(c)).ToArray())
            : null;

    private static CertificateVerification NotAuthentic(string reason) => new(false, reason);

    private static CertificateVerification Describe(Facts facts, bool authentic, string reason, CertificateView? held) => new(
        authentic, reason, facts.IssuingCountry, facts.Number, facts.Authority, facts.IssueDate, facts.Exporter, facts.ImportingCountry, held?.Status, held?.UpdatedAt);
}
