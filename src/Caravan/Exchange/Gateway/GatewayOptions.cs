using Caravan.Exchange.As4.Security;
using Caravan.Exchange.Outbox;

namespace Caravan.Exchange.Gateway;

/// <summary>How the gateway delivers: retry policy per partner agreement, batching, concurrency and time limits.</summary>
public sealed class GatewayOptions
{
    public RetryPolicy RetryPolicy { get; init; } = RetryPolicy.Default;

    /// <summary>The most due messages one claim takes (never more than there are free send slots).</summary>
    public int BatchSize { get; init; } = 32;

    /// <summary>How many messages are in flight at once per worker.</summary>
    public int Concurrency { get; init; } = 16;

    /// <summary>How long a claimed message is reserved for its worker; after that another worker or process may take it.</summary>
    public TimeSpan Lease { get; init; } = TimeSpan.FromMinutes(2);

    /// <summary>How often an idle worker looks for due messages (it is woken at once by local commits).</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The time limit of one HTTP exchange with a partner.</summary>
    public TimeSpan SendTimeout { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long one content-encryption key serves a partner (see <see cref="As4.Security.ContentKeyReuse"/>).</summary>
    public ContentKeyReuse ContentKeyReuse { get; init; } = ContentKeyReuse.Default;

    /// <summary>The maximum accepted size of an inbound AS4 message body.</summary>
    public long MaxInboundBytes { get; init; } = 512L * 1024 * 1024;
}
