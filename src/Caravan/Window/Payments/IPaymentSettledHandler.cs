namespace Caravan.Window.Payments;

/// <summary>
/// Told when an order of its <see cref="Purpose"/> becomes fully paid, once per order, inside the transaction that
/// records the settlement: what it writes commits with the payment, and an exception rolls the payment back (the
/// provider's callback is then answered 500 and retried).
/// </summary>
public interface IPaymentSettledHandler
{
    /// <summary>The order purpose this handler owns, e.g. <c>consignment-duty</c>.</summary>
    string Purpose { get; }

    Task OnSettledAsync(PaymentOrder order, Storage.UnitOfWork unit, CancellationToken cancellationToken);
}
