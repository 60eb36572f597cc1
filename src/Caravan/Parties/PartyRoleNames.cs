namespace Caravan.Parties;

/// <summary>The wire names of <see cref="PartyRole"/> (snake case), used in the API and in claims.</summary>
public static class PartyRoleNames
{
    public const string Trader = "trader";
    public const string Broker = "broker";
    public const string Agency = "agency";
    public const string IssuingAuthority = "issuing_authority";
    public const string Customs = "customs";
    public const string Operator = "operator";
    public const string ParcelOperator = "parcel_operator";

    public static string ToName(this PartyRole role) => role switch
    {
        PartyRole.Trader => Trader,
        PartyRole.Broker => Broker,
        PartyRole.Agency => Agency,
        PartyRole.IssuingAuthority => IssuingAuthority,
        PartyRole.Customs => Customs,
        PartyRole.Operator => Operator,
        PartyRole.ParcelOperator => ParcelOperator,
        _ => throw new ArgumentOutOfRangeException(nameof(role), role, null),
    };

    public static bool TryParse(string? name, out PartyRole role)
    {
        switch (name)
        {
            case Trader: role = PartyRole.Trader; return true;
            case Broker: role = PartyRole.Broker; return true;
            case Agency: role = PartyRole.Agency; return true;
            case IssuingAuthority: role = PartyRole.IssuingAuthority; return true;
            case Customs: role = PartyRole.Customs; return true;
            case Operator: role = PartyRole.Operator; return true;
            case ParcelOperator: role = PartyRole.ParcelOperator; return true;
            default: role = default; return false;
        }
    }
}
