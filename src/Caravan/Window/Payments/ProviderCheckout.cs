namespace Caravan.Window.Payments;

/// <summary>
/// A payment started at a provider: its reference for the order, and the page the payer completes it on (null when the
/// provider completes it without the payer, as the fake provider does).
/// </summary>
public sealed record ProviderCheckout(string Provider, string OrderId, string ProviderReference, Uri? CheckoutUrl);
