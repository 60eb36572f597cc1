namespace Caravan.Parties;

/// <summary>What a party may do on its node's API. A party has exactly one role.</summary>
public enum PartyRole
{
    /// <summary>A trader that applies for certificates and sees only its own applications.</summary>
    Exporter,

    /// <summary>The authority that approves and issues certificates of origin.</summary>
    IssuingAuthority,

    /// <summary>Customs: looks up received certificates and records their use against declarations.</summary>
    Customs,

    /// <summary>The node operator: parties, trust and revocation lists, dead letters, audit.</summary>
    Operator,
}
