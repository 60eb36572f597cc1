namespace Caravan.Window.Payments;

/// <summary>
/// What a payment provider's adapter implements so that payers can pay an order through it. Starting a checkout only
/// asks the provider to take the payment; the payment counts when the provider's signed callback arrives at
/// <c>POST /api/v1/payments/callbacks/{Name}</c> and verifies against the certificate configured for <see cref="Name"/>.
/// </summary>
public interface IPaymentProvider
{
    /// <summary>The provider's name in configuration and in its callback URL (lower-case letters, digits, '-').</summary>
    string Name { get; }

    /// <summary>
    /// Starts a payment of the order's outstanding balance, telling the provider to report it to
    /// <paramref name="callbackUrl"/>. Called inside the payer's request transaction: it must not wait for the callback.
    /// </summary>
    Task<ProviderCheckout> StartAsync(PaymentOrder order, Uri callbackUrl, CancellationToken cancellationToken);
}
