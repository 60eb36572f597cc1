namespace Caravan.Exchange.As4.Model;

/// <summary>The eb:From or eb:To of a user message: one or more party ids and the role the party plays.</summary>
public sealed record As4Party(IReadOnlyList<As4PartyId> PartyIds, string Role)
{
    public As4Party(As4PartyId partyId, string role)
        : this([partyId], role)
    {
    }

    /// <summary>The first party id, which identifies the party for routing.</summary>
    public As4PartyId PrimaryId => PartyIds[0];
}
