using Caravan.Documents.Common;

namespace Caravan.Window.Payments;

/// <summary>
/// The orders made in a period with what was paid against each (all payments to date), totals per currency, and the
/// payments received in the period that could not be applied to an order (unknown order or other currency).
/// </summary>
public sealed record ReconciliationReport(DateOnly? From, DateOnly? To, IReadOnlyList<ReconciliationReport.Line> Orders, IReadOnlyList<ReconciliationReport.Total> Totals, IReadOnlyList<Settlement> Unmatched)
{
    /// <summary>One order: amount due, paid, balance (due − paid; negative when over-paid) and status.</summary>
    public sealed record Line(string OrderId, string PayerPartyId, string Purpose, string Reference, Money Due, Money Paid, Money Balance, ReconciliationStatus Status, int Payments);

    /// <summary>
    /// The sums of one currency: due and paid over the listed orders, what is still owed (<see cref="Outstanding"/>),
    /// what was paid beyond the amounts (<see cref="Excess"/>), the unmatched money, and how many orders are in each status.
    /// </summary>
    public sealed record Total(CurrencyCode Currency, Money Due, Money Paid, Money Outstanding, Money Excess, Money Unmatched, int Unpaid, int PartiallyPaid, int PaidInFull, int OverPaid);
}
