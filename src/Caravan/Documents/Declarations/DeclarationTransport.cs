using Caravan.Documents.Common;

namespace Caravan.Documents.Declarations;

/// <summary>The active means of transport crossing the border (<c>BorderTransportMeans</c>, WCO DM 15A).</summary>
public sealed record DeclarationTransport
{
    /// <summary><c>ModeCode</c>, UNECE Recommendation 19 (WCO DM T022 mode of transport crossing the border): 1 sea, 2 rail, 3 road, 4 air, 5 post, 7 fixed installation, 8 inland water.</summary>
    public int? ModeCode { get; init; }

    /// <summary><c>ID</c>: IMO number, flight number, vehicle registration (WCO DM T006 identification of the means, coded).</summary>
    public string? MeansId { get; init; }

    /// <summary><c>RegistrationNationalityCode</c> (WCO DM T014 nationality of the means).</summary>
    public CountryCode? Nationality { get; init; }

    /// <summary>Date of departure of the means; the DMS declaration schema has no such element, so only JSON carries it.</summary>
    public DateOnly? DepartureDate { get; init; }
}
