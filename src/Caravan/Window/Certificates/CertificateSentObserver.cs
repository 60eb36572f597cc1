using Caravan.Exchange.Gateway;
using Caravan.Exchange.Outbox;
using Caravan.Storage;

namespace Caravan.Window.Certificates;

/// <summary>
/// When the importing node's signed receipt for an issued certificate arrives, the certificate becomes sent. One
/// instance per certificate service (origin, phyto); the conversation id of an issuance message is the certificate number.
/// </summary>
public sealed class CertificateSentObserver(string service, NodeContext node, CertificateStore certificates, TimeProvider time) : IDeliveryObserver
{
    public string Service => service;

    public string Action => As4Services.IssueCertificateAction;

    public async Task OnDeliveredAsync(OutboxMessage message, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(unit);
        await certificates.ChangeStatusAsync(node.CountryCode, message.ConversationId, CertificateStatus.Sent, time.GetUtcNow(),
            $"gateway:{node.CountryCode}", $"signed receipt from {message.Partner}", unit.Transaction, cancellationToken).ConfigureAwait(false);
    }
}
