using Caravan.Parties;

namespace Caravan.Window.Consignments;

/// <summary>The authenticated party doing something, as the workflow needs to know it.</summary>
public sealed record Actor(string PartyId, PartyRole Role);
