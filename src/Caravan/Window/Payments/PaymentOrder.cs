using Caravan.Documents.Common;

namespace Caravan.Window.Payments;

/// <summary>
/// An amount a party owes the state for a purpose (consignment duty, an e-commerce declaration's fees) and a reference
/// within that purpose (the consignment or declaration id). <see cref="Paid"/> is the sum of the settlements applied to
/// it; it may exceed <see cref="Amount"/> (an over-payment, shown by reconciliation).
/// </summary>
public sealed record PaymentOrder(
    string Id,
    string PayerPartyId,
    string Purpose,
    string Reference,
    Money Amount,
    Money Paid,
    PaymentOrderStatus Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? PaidAt,
    string? Provider,
    string? ProviderReference)
{
    /// <summary>What is still owed: positive while under-paid, zero when paid exactly, negative when over-paid.</summary>
    public Money Balance => new(Amount.Amount - Paid.Amount, Amount.Currency);
}
