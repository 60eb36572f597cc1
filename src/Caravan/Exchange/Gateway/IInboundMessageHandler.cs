using Caravan.Common;
using Caravan.Storage;

namespace Caravan.Exchange.Gateway;

/// <summary>
/// Processes one kind of inbound business message (by ebMS Service and Action). It runs inside the transaction that
/// records the message in the inbox: a failure rolls everything back and the sender gets an ebMS error naming the
/// reason, so nothing is stored half-way.
/// </summary>
public interface IInboundMessageHandler
{
    string Service { get; }

    string Action { get; }

    Task<Result<bool>> HandleAsync(InboundMessage message, UnitOfWork unit, CancellationToken cancellationToken);
}
