using Caravan.Exchange.Outbox;
using Caravan.Storage;

namespace Caravan.Exchange.Gateway;

/// <summary>
/// Told, inside the transaction that marks an outbox message delivered, that the partner returned a valid signed
/// receipt for it (e.g. to move a certificate from issued to sent).
/// </summary>
public interface IDeliveryObserver
{
    string Service { get; }

    string Action { get; }

    Task OnDeliveredAsync(OutboxMessage message, UnitOfWork unit, CancellationToken cancellationToken);
}
