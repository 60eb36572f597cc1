using Caravan.Documents.Common;

namespace Caravan.Window.Payments;

/// <summary>
/// One verified provider callback as recorded, once per (provider, provider transaction id): the order it named, the
/// order it was applied to (null when unmatched), the money, and when the provider took it and the node learnt of it.
/// </summary>
public sealed record Settlement(
    string Provider,
    string ProviderTransactionId,
    string ClaimedOrderId,
    string? OrderId,
    Money Amount,
    DateTimeOffset PaidAt,
    DateTimeOffset ReceivedAt,
    SettlementOutcome Outcome);
