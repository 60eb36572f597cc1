namespace Caravan.Parties;

/// <summary>What a party may do on its node's API. A party has exactly one role.</summary>
public enum PartyRole
{
    /// <summary>A trader (exporter or importer): lodges consignments and applies for certificates; sees only its own records.</summary>
    Trader,

    /// <summary>A customs broker or forwarder: acts for a trader only under a recorded mandate.</summary>
    Broker,

    /// <summary>A border agency (plant protection, veterinary, standards...): decides the tasks routed to it.</summary>
    Agency,

    /// <summary>The authority that approves and issues certificates of origin.</summary>
    IssuingAuthority,

    /// <summary>Customs: looks up received certificates and records their use against declarations.</summary>
    Customs,

    /// <summary>The node operator: parties, trust and revocation lists, dead letters, audit.</summary>
    Operator,

    /// <summary>An e-commerce platform, express carrier or postal operator: pushes parcel advance data in bulk and sees only its own parcels, declarations and statements.</summary>
    ParcelOperator,
}
