namespace Caravan.Exchange.As4.Model;

/// <summary>An eb:PartyId value with its optional <c>type</c> attribute (a URI naming the identifier scheme).</summary>
public sealed record As4PartyId(string Value, string? Type = null)
{
    public override string ToString() => Type is null ? Value : Type + "::" + Value;
}
