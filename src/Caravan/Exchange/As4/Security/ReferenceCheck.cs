namespace Caravan.Exchange.As4.Security;

/// <summary>The check of one ds:Reference of a signature: its URI, what it resolved to, the digest algorithm and the result.</summary>
public sealed record ReferenceCheck(string Uri, ReferenceTarget Target, string DigestAlgorithm, ReferenceStatus Status, string? Detail = null);
