namespace Caravan.Window.Payments;

/// <summary>What became of a verified callback: applied to its order, or kept unmatched for reconciliation.</summary>
public enum SettlementOutcome
{
    /// <summary>Added to the order's paid amount.</summary>
    Applied,

    /// <summary>The order it names does not exist here; the money is listed as unmatched.</summary>
    Unmatched,

    /// <summary>The order exists but is payable in another currency; the money is listed as unmatched and the callback answered 422.</summary>
    CurrencyMismatch,
}
