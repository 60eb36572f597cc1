namespace Caravan.Exchange.As4.Model;

/// <summary>An eb:Property (message property or part property): a name, a value and an optional type.</summary>
public sealed record As4Property(string Name, string Value, string? Type = null);
