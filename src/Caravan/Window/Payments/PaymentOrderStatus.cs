namespace Caravan.Window.Payments;

/// <summary>Where a payment order stands: open until the payments applied to it reach its amount, then paid (for good).</summary>
public enum PaymentOrderStatus
{
    Open,
    Paid,
}
