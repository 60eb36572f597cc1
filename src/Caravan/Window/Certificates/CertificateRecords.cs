namespace Caravan.Window.Certificates;

/// <summary>Which side of the border holds this copy of a certificate.</summary>
public enum CertificateDirection
{
    Issued,
    Received,
}

/// <summary>One item's quantity on a certificate and how much of it has been used by import declarations.</summary>
public sealed record CertificateItemBalance(int ItemNumber, string HsCode, string Unit, decimal Quantity, decimal Used)
{
    public decimal Remaining => Quantity - Used;
}

/// <summary>One entry of a certificate's append-only status history.</summary>
public sealed record CertificateHistoryEntry(int Seq, string Status, DateTimeOffset At, string Actor, string? Reason);

/// <summary>One use of a certificate against an import declaration.</summary>
public sealed record CertificateUtilization(string Id, string DeclarationNumber, int ItemNumber, decimal Quantity, DateTimeOffset At, string RecordedBy);

/// <summary>A stored certificate with its items, uses and history, as shown through the API; <see cref="Document"/> is its canonical JSON.</summary>
public sealed record CertificateView(
    string IssuingCountry,
    string Number,
    string DocumentType,
    CertificateDirection Direction,
    string PartnerCountry,
    string Status,
    string? ApplicationId,
    string? ExporterPartyId,
    string? MessageId,
    DateTimeOffset IssuedAt,
    DateTimeOffset UpdatedAt,
    IReadOnlyList<CertificateItemBalance> Items,
    IReadOnlyList<CertificateUtilization> Utilizations,
    IReadOnlyList<CertificateHistoryEntry> History,
    System.Text.Json.JsonElement Document,
    string SignedXml)
{
    /// <summary>The party that issued the certificate on this node (issued side only).</summary>
    public string? IssuedByPartyId { get; init; }

    /// <summary>The consignment the certificate was issued for, when an agency's task approval issued it.</summary>
    public string? ConsignmentId { get; init; }

    /// <summary>The IPPC hub envelope header of an ePhyto (from, to, type, status, NPPO number), kept for a hub bridge.</summary>
    public System.Text.Json.JsonElement? Envelope { get; init; }
}

/// <summary>What is needed to store a newly issued or received certificate.</summary>
public sealed record NewCertificate(
    string IssuingCountry,
    string Number,
    string DocumentType,
    CertificateDirection Direction,
    string PartnerCountry,
    string? ApplicationId,
    string? ExporterPartyId,
    string? MessageId,
    DateTimeOffset IssuedAt,
    IReadOnlyList<NewCertificateItem> Items,
    string DocumentJson,
    string SignedXml)
{
    public string? IssuedByPartyId { get; init; }

    public string? ConsignmentId { get; init; }

    public string? EnvelopeJson { get; init; }
}

public sealed record NewCertificateItem(int ItemNumber, string HsCode, string Unit, long QuantityMicros);

/// <summary>A quantity of one item to draw down from a certificate.</summary>
public sealed record ItemDrawdown(int ItemNumber, decimal Quantity);
