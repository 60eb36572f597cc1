namespace Caravan.Window.Certificates;

/// <summary>Stored and wire names of <see cref="CertificateStatus"/>.</summary>
public static class CertificateStatusNames
{
    public static string ToName(this CertificateStatus status) => status switch
    {
        CertificateStatus.Issued => "issued",
        CertificateStatus.Sent => "sent",
        CertificateStatus.Received => "received",
        CertificateStatus.Inspected => "inspected",
        CertificateStatus.Accepted => "accepted",
        CertificateStatus.PartiallyUtilized => "partially_utilized",
        CertificateStatus.Utilized => "utilized",
        CertificateStatus.Acquitted => "acquitted",
        CertificateStatus.Rejected => "rejected",
        CertificateStatus.Revoked => "revoked",
        CertificateStatus.Replaced => "replaced",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static bool TryParse(string? name, out CertificateStatus status)
    {
        foreach (var candidate in Enum.GetValues<CertificateStatus>())
        {
            if (candidate.ToName() == name)
            {
                status = candidate;
                return true;
            }
        }
        status = default;
        return false;
    }

    public static CertificateStatus Parse(string name) => name switch
    {
        "issued" => CertificateStatus.Issued,
        "sent" => CertificateStatus.Sent,
        "received" => CertificateStatus.Received,
        "inspected" => CertificateStatus.Inspected,
        "accepted" => CertificateStatus.Accepted,
        "partially_utilized" => CertificateStatus.PartiallyUtilized,
        "utilized" => CertificateStatus.Utilized,
        "acquitted" => CertificateStatus.Acquitted,
        "rejected" => CertificateStatus.Rejected,
        "revoked" => CertificateStatus.Revoked,
        "replaced" => CertificateStatus.Replaced,
        _ => throw new FormatException($"Unknown certificate status '{name}'."),
    };
}
