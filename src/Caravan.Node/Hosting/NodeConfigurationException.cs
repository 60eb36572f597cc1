namespace Caravan.Node.Hosting;

/// <summary>Thrown at start-up when the node's configuration is invalid; the message lists every bad setting.</summary>
public sealed class NodeConfigurationException : Exception
{
    public NodeConfigurationException(IReadOnlyList<string> errors)
        : base("The node configuration is invalid:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(e => "  - " + e))) =>
        Errors = errors;

    public NodeConfigurationException()
        : this([])
    {
    }

    public NodeConfigurationException(string message)
        : this([message])
    {
    }

    public NodeConfigurationException(string message, Exception innerException)
        : base(message, innerException) => Errors = [message];

    public IReadOnlyList<string> Errors { get; }
}
