using Caravan.Common;
using Caravan.Documents.Acdd;
using Caravan.Exchange.Gateway;
using Caravan.Storage;

namespace Caravan.Window.Acdd;

/// <summary>
/// Receives an ACDD from a partner's customs: it must be complete, sent by its exporting country and addressed to this
/// one. It is stored as received and linked at once to the import consignment it announces, if that is lodged already
/// (otherwise the import's lodgement links it later). A second ACDD for the same export declaration is refused; the
/// AS4 layer already answers a re-sent message with its first receipt.
/// </summary>
public sealed class AcddHandler(NodeContext node, AcddStore store, AcddLinker linker) : IInboundMessageHandler
{
    public string Service => As4Services.Customs;

    public string Action => As4Services.AdvanceCustomsDeclarationAction;

    public async Task<Result<bool>> HandleAsync(InboundMessage message, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(unit);
        if (message.Payloads.Count != 1)
        {
            return Failure.Validation("payload.count", $"An ACDD message carries exactly one payload, not {message.Payloads.Count}.");
        }
        var bytes = await message.Payloads[0].Content.ReadAllBytesAsync(cancellationToken).ConfigureAwait(false);
        var read = AcddJson.Read(bytes);
        if (!read.IsValid)
        {
            return Failure.Validation("document.invalid", "The ACDD is invalid: " + string.Join("; ", read.Errors.Take(10)));
        }
        var acdd = read.Document!;
        if (acdd.ExportCountry!.Value.Value != message.FromCountry)
        {
            return Failure.Validation("document.export_country", $"The ACDD is for an export from {acdd.ExportCountry} but was sent by {message.FromCountry}.");
        }
        if (acdd.ImportCountry!.Value.Value != node.CountryCode)
        {
            return Failure.Validation("document.import_country", $"The ACDD is addressed to {acdd.ImportCountry}, not {node.CountryCode}.");
        }
        if (await store.ExistsAsync(message.FromCountry, acdd.ExportDeclarationNumber!, unit.Transaction, cancellationToken).ConfigureAwait(false))
        {
            return Failure.Conflict("acdd.exists", $"The ACDD of export declaration {acdd.ExportDeclarationNumber} from {message.FromCountry} was already received.");
        }
        await store.InsertAsync("received", acdd, null, message.MessageId, message.ReceivedAt, unit.Transaction, cancellationToken).ConfigureAwait(false);
        await linker.LinkArrivedAsync(acdd, message.ReceivedAt, unit, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
