namespace Caravan.Exchange.As4.Model;

/// <summary>An eb:PullRequest signal asking for the next user message waiting on a message partition channel.</summary>
public sealed record As4PullRequest(string MessageId, DateTimeOffset Timestamp, string Mpc) : As4MessageUnit(MessageId, Timestamp, null)
{
    public override string Kind => "PullRequest";
}
