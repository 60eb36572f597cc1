using Caravan.Storage;
using Caravan.Window.Consignments;

namespace Caravan.Window.Notifications;

/// <summary>Tells the trader about every change to its consignments through its webhook (the portal reads the history).</summary>
public sealed class TraderNotifier(WebhookStore webhooks) : IConsignmentObserver
{
    public Task OnChangedAsync(ConsignmentView consignment, string kind, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(consignment);
        var last = consignment.History.Count > 0 ? consignment.History[^1] : null;
        return webhooks.EnqueueAsync(consignment.TraderPartyId, new
        {
            type = "consignment." + kind,
            consignmentId = consignment.Id,
            status = Names.Of(consignment.Status),
            at = last?.At,
            reason = last?.Reason,
            tasks = consignment.Tasks.Select(t => new { t.Id, action = Names.Of(t.Action), agency = t.AgencyPartyId, status = Names.Of(t.Status), t.Reason }),
        }, unit, cancellationToken);
    }

    public Task OnTaskDecidedAsync(ConsignmentView consignment, AgencyTaskView task, UnitOfWork unit, CancellationToken cancellationToken) => Task.CompletedTask;

    public Task OnReleasedAsync(ConsignmentView consignment, UnitOfWork unit, CancellationToken cancellationToken) => Task.CompletedTask;
}
