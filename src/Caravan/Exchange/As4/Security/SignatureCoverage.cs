namespace Caravan.Exchange.As4.Security;

/// <summary>
/// Which parts of the message a signature covers. A received UserMessage is acceptable only when the real
/// eb:Messaging header, the Body and every attachment are covered (<see cref="IsComplete"/>).
/// </summary>
public sealed record SignatureCoverage(bool Messaging, bool Body, IReadOnlyList<string> UnsignedAttachments)
{
    public bool IsComplete => Messaging && Body && UnsignedAttachments.Count == 0;

    /// <summary>A sentence naming the parts not covered, or null when complete.</summary>
    public string? Describe()
    {
        if (IsComplete)
        {
            return null;
        }
        var missing = new List<string>();
        if (!Messaging)
        {
            missing.Add("eb:Messaging");
        }
        if (!Body)
        {
            missing.Add("Body");
        }
        missing.AddRange(UnsignedAttachments.Select(id => "cid:" + id));
        return "Not covered by the signature: " + string.Join(", ", missing) + ".";
    }
}
