using Caravan.Trust;

namespace Caravan;

/// <summary>Who this node is, as the library's services need to know it: its country, name, identity and trust list.</summary>
public sealed record NodeContext(string CountryCode, string CountryName, NodeIdentity Identity, TrustList TrustList)
{
    /// <summary>The name of the authority this node issues certificates as.</summary>
    public string AuthorityName { get; init; } = $"{CountryName} certificate of origin authority";

    /// <summary>The national currency (ISO 4217) in which this country's customs assess duties.</summary>
    public string NationalCurrency { get; init; } = "USD";
}
