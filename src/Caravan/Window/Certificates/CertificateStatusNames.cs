namespace Caravan.Window.Certificates;

/// <summary>Stored and wire names of <see cref="CertificateStatus"/>.</summary>
public static class CertificateStatusNames
{
    public static string ToName(this CertificateStatus status) => status switch
    {
        CertificateStatus.Issued => "issued",
        CertificateStatus.Sent => "sent",
        CertificateStatus.Received => "received",
        CertificateStatus.PartiallyUtilized => "partially_utilized",
        CertificateStatus.Utilized => "utilized",
        CertificateStatus.Rejected => "rejected",
        CertificateStatus.Revoked => "revoked",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static CertificateStatus Parse(string name) => name switch
    {
        "issued" => CertificateStatus.Issued,
        "sent" => CertificateStatus.Sent,
        "received" => CertificateStatus.Received,
        "partially_utilized" => CertificateStatus.PartiallyUtilized,
        "utilized" => CertificateStatus.Utilized,
        "rejected" => CertificateStatus.Rejected,
        "revoked" => CertificateStatus.Revoked,
        _ => throw new FormatException($"Unknown certificate status '{name}'."),
    };
}
