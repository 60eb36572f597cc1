namespace Caravan.Window.Consignments;

/// <summary>Where one agency's task on a consignment stands.</summary>
public enum AgencyTaskStatus
{
    Open,
    InformationRequested,
    Approved,
    Rejected,
    Cancelled,
}
