using Caravan.Common;
using Caravan.Storage;

namespace Caravan.Exchange.Gateway;

/// <summary>
/// Accepts opaque documents (service <see cref="As4Services.Documents"/>): the payload is kept in the inbox, where an
/// operator or a later business module reads it. Used for large attachments and for the gateway benchmarks.
/// </summary>
public sealed class DocumentDeliveryHandler : IInboundMessageHandler
{
    public string Service => As4Services.Documents;

    public string Action => As4Services.DeliverDocumentAction;

    public Task<Result<bool>> HandleAsync(InboundMessage message, UnitOfWork unit, CancellationToken cancellationToken) =>
        Task.FromResult(Result<bool>.Success(true));
}
