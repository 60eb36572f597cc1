using System.Text.Json.Serialization;
using Caravan.Documents.Common;

namespace Caravan.Documents.Phyto;

/// <summary>
/// The IPPC hub's envelope header kept alongside each certificate (<c>EnvelopeHeader</c> in the hub entities
/// schema): sending and receiving NPPO countries, the certificate's type and status codes, the NPPO's certificate
/// number, and what the hub reports back (delivery number, tracking state, error, forwardings). A later bridge to
/// the hub sends it with the SPSCertificate XML as content.
/// </summary>
public sealed record EphytoEnvelope
{
    /// <summary>The exporting NPPO's country (the hub's <c>From</c>).</summary>
    public required CountryCode From { get; init; }

    /// <summary>The importing NPPO's country (the hub's <c>To</c>).</summary>
    public required CountryCode To { get; init; }

    /// <summary>851 phytosanitary or 657 re-export.</summary>
    public required int CertificateType { get; init; }

    /// <summary>70 issued, 40 replacement, 39 withdrawn (see <see cref="PhytoCodes"/>).</summary>
    public required int CertificateStatus { get; init; }

    /// <summary>The certificate number given by the exporting NPPO (<c>NPPOCertificateNumber</c>).</summary>
    public required string NppoCertificateNumber { get; init; }

    /// <summary>The hub's tracking number for this delivery, once the hub accepted it (<c>hubDeliveryNumber</c>).</summary>
    public string? HubDeliveryNumber { get; init; }

    [JsonConverter(typeof(JsonStringEnumConverter<HubTrackingInfo>))]
    public HubTrackingInfo? HubTrackingInfo { get; init; }

    public string? HubDeliveryErrorMessage { get; init; }

    public IReadOnlyList<EphytoEnvelopeForwarding> Forwardings { get; init; } = [];

    /// <summary>
    /// Makes the header of a certificate about to be sent: From/To from the export and import countries, type,
    /// status and number from the exchanged document. Fails (null, with errors) when one of them is missing.
    /// </summary>
    public static EphytoEnvelope? FromCertificate(PhytosanitaryCertificate certificate, out IReadOnlyList<DocumentError> errors)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var problems = new List<DocumentError>();
        var from = certificate.Consignment?.ExportCountry?.Id;
        var to = certificate.Consignment?.ImportCountry?.Id;
        var type = certificate.Document?.TypeCode;
        var status = certificate.Document?.StatusCode;
        var number = certificate.Document?.Id;
        if (from is null)
        {
            problems.Add(new("consignment.exportCountry.id", PhytoErrorCodes.Required, "The envelope's From is the export country."));
        }
        if (to is null)
        {
            problems.Add(new("consignment.importCountry.id", PhytoErrorCodes.Required, "The envelope's To is the import country."));
        }
        if (type is null)
        {
            problems.Add(new("document.typeCode", PhytoErrorCodes.Required, "The envelope carries the certificate type."));
        }
        if (status is null)
        {
            problems.Add(new("document.statusCode", PhytoErrorCodes.Required, "The envelope carries the certificate status."));
        }
        if (string.IsNullOrWhiteSpace(number))
        {
            problems.Add(new("document.id", PhytoErrorCodes.Required, "The envelope carries the NPPO certificate number."));
        }
        errors = problems;
        return problems.Count > 0
            ? null
            : new EphytoEnvelope
            {
                From = from!.Value,
                To = to!.Value,
                CertificateType = type!.Value,
                CertificateStatus = status!.Value,
                NppoCertificateNumber = number!,
            };
    }

    /// <summary>Records what the hub answered for this envelope.</summary>
    public EphytoEnvelope WithHubTracking(string? deliveryNumber, HubTrackingInfo tracking, string? errorMessage = null) =>
        this with { HubDeliveryNumber = deliveryNumber ?? HubDeliveryNumber, HubTrackingInfo = tracking, HubDeliveryErrorMessage = errorMessage };

    public bool Equals(EphytoEnvelope? other) =>
        other is not null
        && From == other.From
        && To == other.To
        && CertificateType == other.CertificateType
        && CertificateStatus == other.CertificateStatus
        && NppoCertificateNumber == other.NppoCertificateNumber
        && HubDeliveryNumber == other.HubDeliveryNumber
        && HubTrackingInfo == other.HubTrackingInfo
        && HubDeliveryErrorMessage == other.HubDeliveryErrorMessage
        && Forwardings.SequenceEqual(other.Forwardings);

    public override int GetHashCode() => HashCode.Combine(From, To, NppoCertificateNumber, CertificateStatus);
}
