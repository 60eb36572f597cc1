using Caravan.Documents.Common;

namespace Caravan.Documents.Declarations;

/// <summary>The active means of transport crossing the border (<c>BorderTransportMeans</c>).</summary>
public sealed record DeclarationTransport
{
    /// <summary><c>ModeCode</c>, UNECE Recommendation 19 (WCO DM T006): 1 sea, 2 rail, 3 road, 4 air, 5 post, 7 fixed installation, 8 inland water.</summary>
    public int? ModeCode { get; init; }

    /// <summary><c>ID</c>: vessel name, flight number, vehicle registration (WCO DM T009).</summary>
    public string? MeansId { get; init; }

    /// <summary><c>RegistrationNationalityCode</c> (WCO DM T015).</summary>
    public CountryCode? Nationality { get; init; }

    /// <summary>Date of departure (WCO DM T005; <c>DepartureDateTime</c> of the means).</summary>
    public DateOnly? DepartureDate { get; init; }
}
