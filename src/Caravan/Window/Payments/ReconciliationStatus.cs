namespace Caravan.Window.Payments;

/// <summary>How an order's payments compare with its amount.</summary>
public enum ReconciliationStatus
{
    Unpaid,
    PartiallyPaid,
    Paid,
    OverPaid,
}
