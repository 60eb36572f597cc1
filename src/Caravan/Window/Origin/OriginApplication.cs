namespace Caravan.Window.Origin;

/// <summary>Where an exporter's application for a certificate of origin stands.</summary>
public enum OriginApplicationStatus
{
    Submitted,
    Issued,
    Rejected,
}

/// <summary>An exporter's application for a certificate of origin, as shown through the API.</summary>
public sealed record OriginApplication(
    string Id,
    string ExporterPartyId,
    string DestinationCountry,
    OriginApplicationStatus Status,
    string? CertificateNumber,
    string? DecisionReason,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    System.Text.Json.JsonElement Certificate);
