using Caravan.Common;
using Caravan.Exchange.Gateway;
using Caravan.Storage;

namespace Caravan.Window.Certificates;

/// <summary>Receives a partner's <see cref="CertificateStatusNotice"/> and applies it to our copy of the certificate.</summary>
public sealed class CertificateStatusNoticeHandler(CertificateLifecycle lifecycle) : IInboundMessageHandler
{
    public string Service => As4Services.Certificates;

    public string Action => As4Services.CertificateStatusNoticeAction;

    public async Task<Result<bool>> HandleAsync(InboundMessage message, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (message.Payloads.Count != 1)
        {
            return Failure.Validation("payload.count", $"A status notice carries exactly one payload, not {message.Payloads.Count}.");
        }
        var bytes = await message.Payloads[0].Content.ReadAllBytesAsync(cancellationToken).ConfigureAwait(false);
        var notice = CertificateStatusNotice.TryParse(bytes, out var error);
        return notice is null
            ? Failure.Validation("notice.invalid", error!)
            : await lifecycle.ApplyNoticeAsync(message.FromCountry, notice, unit, cancellationToken).ConfigureAwait(false);
    }
}
