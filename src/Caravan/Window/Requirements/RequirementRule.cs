using Caravan.Documents.Common;

namespace Caravan.Window.Requirements;

/// <summary>
/// One line of the regulatory-requirements matrix: goods whose HS code starts with <see cref="HsPrefix"/>, moving
/// under <see cref="Procedure"/> (optionally from/to given countries, and above a value or quantity), need
/// <see cref="Action"/> from the agency <see cref="AgencyPartyId"/>.
/// </summary>
public sealed record RequirementRule
{
    public required string Id { get; init; }

    /// <summary>2 to 6 digits of the HS code (an empty prefix matches every item).</summary>
    public string HsPrefix { get; init; } = "";

    public required Procedure Procedure { get; init; }

    public string? OriginCountry { get; init; }

    public string? DestinationCountry { get; init; }

    /// <summary>Matches only items whose value is at least this amount (in the rule's currency; other currencies do not match).</summary>
    public Money? MinValue { get; init; }

    /// <summary>Matches only items whose quantity is at least this (in the rule's unit; other units do not match).</summary>
    public Quantity? MinQuantity { get; init; }

    public required AgencyActionKind Action { get; init; }

    /// <summary>The agency (a party with the agency, customs or issuing-authority role) that must act.</summary>
    public required string AgencyPartyId { get; init; }

    public string? Description { get; init; }
}
