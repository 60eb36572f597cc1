using System.Xml;
using Caravan.Exchange.As4.Model;

namespace Caravan.Exchange.As4.Signals;

/// <summary>Builds an ebMS error signal envelope (eb:SignalMessage with eb:Error elements) in reply to a message in error.</summary>
public static class As4ErrorBuilder
{
    public static XmlDocument Build(string errorMessageId, DateTimeOffset timestamp, string? refToMessageId, IReadOnlyList<EbmsError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        if (errors.Count == 0)
        {
            throw new ArgumentException("An error signal needs at least one error.", nameof(errors));
        }
        var items = errors.Select(e => e.RefToMessageInError is null && refToMessageId is not null ? e with { RefToMessageInError = refToMessageId } : e).ToList();
        return As4EnvelopeSerializer.CreateEnvelope(new As4Error(errorMessageId, timestamp, refToMessageId, items));
    }

    public static XmlDocument Build(string errorMessageId, DateTimeOffset timestamp, string? refToMessageId, EbmsErrorCode code, string? description) =>
        Build(errorMessageId, timestamp, refToMessageId, [new EbmsError(code, description, refToMessageId)]);
}
