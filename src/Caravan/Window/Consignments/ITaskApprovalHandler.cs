using Caravan.Common;
using Caravan.Storage;
using Caravan.Window.Requirements;

namespace Caravan.Window.Consignments;

/// <summary>
/// What approving one kind of agency action produces besides the decision itself: approving a phytosanitary task
/// issues the ePhyto. It runs inside the decision's transaction, after the task was claimed; a failure refuses the
/// decision whole (nothing is stored), so the agency can correct its input and decide again.
/// </summary>
public interface ITaskApprovalHandler
{
    AgencyActionKind Action { get; }

    /// <summary>Does the work; on success returns a note for the consignment's history (e.g. the certificate number), or null.</summary>
    Task<Result<string?>> OnApprovingAsync(Actor actor, ConsignmentView consignment, AgencyTaskView task, TaskApproval approval, UnitOfWork unit, CancellationToken cancellationToken);
}
