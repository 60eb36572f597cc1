using Caravan.Documents.Acdd;
using Caravan.Documents.Declarations;
using Caravan.Exchange.Gateway;
using Caravan.Exchange.Outbox;
using Caravan.Storage;
using Caravan.Window.Consignments;
using Caravan.Window.Requirements;

namespace Caravan.Window.Acdd;

/// <summary>
/// The advance customs data, inside the consignment's own transactions: when an export is released, its ACDD is taken
/// from the declaration, stored and queued for the destination country's customs (if that country is a partner);
/// when an import is lodged, the ACDDs it quotes are linked to it. An export whose declaration lacks an ACDD element
/// is still released; its history says which elements kept the ACDD from being sent.
/// </summary>
public sealed class AcddPublisher(NodeContext node, AcddStore store, AcddLinker linker, OutboxStore outbox, TimeProvider time) : IConsignmentObserver
{
    public async Task OnChangedAsync(ConsignmentView consignment, string kind, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consignment);
        if (kind == "submitted" && consignment.Procedure == Procedure.Import)
        {
            await linker.LinkLodgedAsync(consignment, time.GetUtcNow(), unit, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task OnTaskDecidedAsync(ConsignmentView consignment, AgencyTaskView task, UnitOfWork unit, CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task OnReleasedAsync(ConsignmentView consignment, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consignment);
        ArgumentNullException.ThrowIfNull(unit);
        if (consignment.Procedure != Procedure.Export || node.TrustList.FindPartner(consignment.DestinationCountry) is null
            || DeclarationJson.Read(consignment.Declaration.GetRawText()).Document is not { } declaration)
        {
            return;
        }
        var now = time.GetUtcNow();
        var acdd = AcddDerivation.FromExport(declaration, consignment.Id, now);
        var missing = AcddValidator.Validate(acdd);
        if (missing.Count > 0)
        {
            await ConsignmentWorkflow.AppendEventAsync(unit, consignment.Id, now, "window", "advance-data-not-sent",
                $"The ACDD for {consignment.DestinationCountry} lacks: {string.Join(", ", missing.Select(e => e.Path).Distinct())}", null, cancellationToken).ConfigureAwait(false);
            return;
        }
        var messageId = MessageIds.New(node.CountryCode, now);
        await store.InsertAsync("sent", acdd, consignment.Id, messageId, now, unit.Transaction, cancellationToken).ConfigureAwait(false);
        await outbox.EnqueueAsync(unit, new OutboxMessage
        {
            MessageId = messageId,
            Partner = consignment.DestinationCountry,
            Service = As4Services.Customs,
            Action = As4Services.AdvanceCustomsDeclarationAction,
            ConversationId = consignment.Id,
            Payload = AcddJson.ToUtf8Bytes(acdd),
            PayloadContentType = "application/json",
            CreatedAt = now,
        }, cancellationToken).ConfigureAwait(false);
        await ConsignmentWorkflow.AppendEventAsync(unit, consignment.Id, now, "window", "advance-data-sent",
            $"ACDD queued for {consignment.DestinationCountry} customs (message {messageId})", null, cancellationToken).ConfigureAwait(false);
    }
}
