namespace Caravan.Node.Hosting;

/// <summary>The node host's own log messages (stable event ids; no secrets).</summary>
internal static partial class NodeLog
{
    [LoggerMessage(EventId = 1001, Level = LogLevel.Information, Message = "Node {Country} listening on {Url} (storage {Storage}, certificate serial {Serial}, {Partners} trusted partner(s))")]
    public static partial void Started(ILogger logger, string country, string url, string storage, string serial, int partners);
}
