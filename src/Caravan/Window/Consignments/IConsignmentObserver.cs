using Caravan.Storage;

namespace Caravan.Window.Consignments;

/// <summary>
/// Reacts, inside the same transaction, to what happens to consignments: notifying the trader, issuing the
/// certificate an approval stands for, sending advance data when an export is released.
/// </summary>
public interface IConsignmentObserver
{
    /// <summary>After any change the trader should hear about (<paramref name="kind"/> is the history entry's kind).</summary>
    Task OnChangedAsync(ConsignmentView consignment, string kind, UnitOfWork unit, CancellationToken cancellationToken);

    /// <summary>After an agency decided one task.</summary>
    Task OnTaskDecidedAsync(ConsignmentView consignment, AgencyTaskView task, UnitOfWork unit, CancellationToken cancellationToken);

    /// <summary>After the coordinated release.</summary>
    Task OnReleasedAsync(ConsignmentView consignment, UnitOfWork unit, CancellationToken cancellationToken);
}
