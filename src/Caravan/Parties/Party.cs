namespace Caravan.Parties;

/// <summary>An organisation (or one of its systems) known to this node, acting in one role.</summary>
public sealed record Party(string Id, string Name, PartyRole Role, DateTimeOffset CreatedAt);
