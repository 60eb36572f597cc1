namespace Caravan.Window.Consignments;

/// <summary>What an agency decides on its task.</summary>
public enum TaskDecision
{
    Approve,
    Reject,
    RequestInformation,
}
