namespace Caravan.Window.Consignments;

/// <summary>Where a consignment stands in the single window.</summary>
public enum ConsignmentStatus
{
    /// <summary>Saved by the trader, not yet lodged; can be amended freely.</summary>
    Draft,

    /// <summary>Lodged: every required agency task is open or decided, and at least one is not yet approved.</summary>
    InReview,

    /// <summary>Every required action passed: the coordinated release decision.</summary>
    Released,

    /// <summary>An agency rejected it; the reason is in the history and was sent to the trader.</summary>
    Rejected,

    /// <summary>The trader withdrew it before release.</summary>
    Withdrawn,
}
