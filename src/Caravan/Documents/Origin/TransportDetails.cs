using Caravan.Documents.Common;

namespace Caravan.Documents.Origin;

/// <summary>Means of transport and route, as far as known when the certificate is applied for.</summary>
public sealed record TransportDetails
{
    public DateOnly? DepartureDate { get; init; }

    public TransportMode? Mode { get; init; }

    /// <summary>Vessel name and voyage, flight number, or vehicle registration.</summary>
    public string? MeansId { get; init; }

    public UnLocode? PortOfLoading { get; init; }

    public UnLocode? PortOfDischarge { get; init; }
}
