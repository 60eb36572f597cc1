namespace Caravan.Node.Portal;

/// <summary>
/// What the public verification page may say about a certificate: whether it is authentic (and why not), who
/// issued it, and its current status when this node holds it. Nothing else (no history actors, no other certificates).
/// </summary>
public sealed record CertificateVerification(
    bool IsAuthentic,
    string Reason,
    string? IssuingCountry = null,
    string? Number = null,
    string? IssuingAuthority = null,
    DateOnly? IssueDate = null,
    string? ExporterName = null,
    string? ImportingCountry = null,
    string? Status = null,
    DateTimeOffset? StatusAt = null);
