using Caravan.Exchange.Gateway;
using Caravan.Exchange.Outbox;
using Caravan.Storage;
using Caravan.Window.Certificates;

namespace Caravan.Window.Origin;

/// <summary>When the importing node's signed receipt for an issued certificate arrives, the certificate becomes sent.</summary>
public sealed class CertificateSentObserver(NodeContext node, CertificateStore certificates, TimeProvider time) : IDeliveryObserver
{
    public string Service => As4Services.Origin;

    public string Action => As4Services.IssueCertificateAction;

    public async Task OnDeliveredAsync(OutboxMessage message, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(unit);
        // The conversation id of an IssueCertificate message is the certificate number.
        await certificates.ChangeStatusAsync(node.CountryCode, message.ConversationId, CertificateStatus.Sent, time.GetUtcNow(),
            $"gateway:{node.CountryCode}", $"signed receipt from {message.Partner}", unit.Transaction, cancellationToken).ConfigureAwait(false);
    }
}
