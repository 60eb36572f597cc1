using Caravan.Common;
using Caravan.Documents.Common;
using Caravan.Storage;
using Caravan.Tests.Portal;
using Caravan.Tests.TestSupport;
using Caravan.Trust;
using Caravan.Window.Payments;
using Dapper;

namespace Caravan.Tests.Window.Payments;

/// <summary>Payment orders and the ledger on a real database (SQLite or PostgreSQL per CARAVAN_TEST_DB), without HTTP.</summary>
public sealed class PaymentLedgerTests : IAsyncLifetime
{
    private const string Duty = "consignment-duty";
    private readonly ManualTime _time = new(new DateTimeOffset(2026, 9, 17, 10, 0, 0, TimeSpan.Zero));
    private readonly RecordingHandler _handler = new();
    private TestDatabase _db = null!;
    private PaymentOrderStore _orders = null!;
    private PaymentLedger _ledger = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        var identity = NodeIdentity.FromCertificate(NodeIdentity.CreateSelfSigned("KZ", "Kazakhstan single window", _time.GetUtcNow(), TimeSpan.FromDays(30)));
        _orders = new PaymentOrderStore(new NodeContext("KZ", "Kazakhstan", identity, new TrustList([])), _time);
        _ledger = new PaymentLedger([_handler, new OtherPurposeHandler()], _time);
        await _db.ExecuteRawAsync("create table test_settled (order_id text not null)");
        await InUnit(async unit =>
        {
            foreach (var id in new[] { "importer-1", "importer-2" })
            {
                await unit.Connection.ExecuteAsync("insert into parties (id, name, role, created_at_ms) values (@id, @id, 'trader', 0)", new { id }, unit.Transaction);
            }
            return true;
        });
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<T> InUnit<T>(Func<UnitOfWork, Task<T>> work) => _db.Database.InTransactionAsync((unit, _) => work(unit), CancellationToken.None);

    private static Money Kzt(decimal amount) => new(amount, CurrencyCode.Of("KZT"));

    private async Task<PaymentOrder> OrderAsync(decimal amount, string reference = "KZ-IM-1", string purpose = Duty) =>
        (await InUnit(u => _orders.CreateAsync(u, "importer-1", purpose, reference, Kzt(amount), CancellationToken.None))).Value;

    private Task<Result<Settlement>> PayAsync(string orderId, decimal amount, string? transaction = null, string currency = "KZT") =>
        InUnit(u => _ledger.ApplyAsync("bank", new PaymentCallback(transaction ?? Guid.NewGuid().ToString("N"), orderId, new Money(amount, CurrencyCode.Of(currency)), _time.GetUtcNow()),
            "{}", "sig", u, CancellationToken.None));

    private Task<PaymentOrder?> FindAsync(string id) => _db.Database.ReadAsync((c, t) => PaymentOrderStore.FindAsync(id, c, null, t), CancellationToken.None);

    private async Task<long> SettledRowsAsync() =>
        await _db.Database.ReadAsync((c, t) => c.ExecuteScalarAsync<long>(new CommandDefinition("select count(*) from test_settled", cancellationToken: t)), CancellationToken.None);

    [Fact]
    public async Task Create_NumbersOrdersPerCountry_AndStartsOpenWithNothingPaid()
    {
        var first = await OrderAsync(1_250.5m);
        var second = await OrderAsync(10m, "KZ-IM-2");
        Assert.Equal(("PO-KZ-000001", "PO-KZ-000002"), (first.Id, second.Id));
        Assert.Equal((PaymentOrderStatus.Open, 0m, 1_250.50m), (first.Status, first.Paid.Amount, first.Balance.Amount));
        Assert.Equal(first, await FindAsync(first.Id));
    }

    [Fact]
    public async Task Create_InvalidInput_NamesEachField()
    {
        var refused = await InUnit(u => _orders.CreateAsync(u, "", "Duty!", "", Kzt(10.001m), CancellationToken.None));
        Assert.Equal(["payerPartyId", "purpose", "reference", "amount.amount"], refused.Failure!.Errors!.Select(e => e.Path).ToArray());
        var zero = await InUnit(u => _orders.CreateAsync(u, "importer-1", Duty, "KZ-IM-1", Kzt(0m), CancellationToken.None));
        Assert.Equal("payment_order.amount", Assert.Single(zero.Failure!.Errors!).Code);
        var unknown = await InUnit(u => _orders.CreateAsync(u, "nobody", Duty, "KZ-IM-1", Kzt(5m), CancellationToken.None));
        Assert.Equal("payment_order.payer_unknown", unknown.Failure!.Code);
    }

    [Fact]
    public async Task Create_SameOpenPurposeAndReference_ReturnsTheOpenOrder_OrConflictsWhenItDiffers()
    {
        var first = await OrderAsync(100m);
        var again = await OrderAsync(100m);
        Assert.Equal(first.Id, again.Id);
        var other = await InUnit(u => _orders.CreateAsync(u, "importer-1", Duty, "KZ-IM-1", Kzt(120m), CancellationToken.None));
        Assert.Equal((FailureKind.Conflict, "payment_order.open_exists"), (other.Failure!.Kind, other.Failure.Code));
        var otherPurpose = await OrderAsync(100m, purpose: "ecommerce-declaration");
        Assert.NotEqual(first.Id, otherPurpose.Id);

        await PayAsync(first.Id, 100m);
        var afterPaid = await OrderAsync(100m);
        Assert.NotEqual(first.Id, afterPaid.Id); // Once paid, the reference may be charged anew (a supplementary assessment).
    }

    [Fact]
    public async Task PartialPayments_AddUp_AndTheOneThatCompletesMarksThePaidOnce_CallingTheHandlerInTheSameTransaction()
    {
        var order = await OrderAsync(100m);
        Assert.Equal(SettlementOutcome.Applied, (await PayAsync(order.Id, 40m)).Value.Outcome);
        var partial = (await FindAsync(order.Id))!;
        Assert.Equal((PaymentOrderStatus.Open, 40m, ReconciliationStatus.PartiallyPaid), (partial.Status, partial.Paid.Amount, PaymentLedger.StatusOf(partial)));
        Assert.Empty(_handler.Calls);

        await PayAsync(order.Id, 60m);
        await PayAsync(order.Id, 5m); // a later over-payment does not settle the order again
        var paid = (await FindAsync(order.Id))!;
        Assert.Equal((PaymentOrderStatus.Paid, 105m, -5m, ReconciliationStatus.OverPaid), (paid.Status, paid.Paid.Amount, paid.Balance.Amount, PaymentLedger.StatusOf(paid)));
        Assert.Equal(_time.GetUtcNow(), paid.PaidAt);
        var call = Assert.Single(_handler.Calls);
        Assert.Equal((order.Id, PaymentOrderStatus.Paid, 100m), (call.Id, call.Status, call.Paid.Amount));
        Assert.Equal(1, await SettledRowsAsync()); // the handler's write committed with the payment
    }

    [Fact]
    public async Task HandlerFailure_RollsTheSettlementBack_AndTheRetryAppliesItOnce()
    {
        var order = await OrderAsync(100m);
        _handler.Fail = true;
        await Assert.ThrowsAsync<InvalidOperationException>(() => PayAsync(order.Id, 100m, "tx-1"));
        Assert.Equal((PaymentOrderStatus.Open, 0m), ((await FindAsync(order.Id))!.Status, (await FindAsync(order.Id))!.Paid.Amount));
        Assert.Equal(0, await SettledRowsAsync());

        _handler.Fail = false;
        Assert.Equal(SettlementOutcome.Applied, (await PayAsync(order.Id, 100m, "tx-1")).Value.Outcome);
        Assert.Equal(PaymentOrderStatus.Paid, (await FindAsync(order.Id))!.Status);
        Assert.Equal(1, await SettledRowsAsync());
        Assert.Equal(2, _handler.Calls.Count); // called in the rolled-back attempt and once in the committed one
    }

    [Fact]
    public async Task SameTransactionTwice_IsAppliedOnce_AndReusingItsIdForOtherContentConflicts()
    {
        var order = await OrderAsync(100m);
        var first = (await PayAsync(order.Id, 30m, "tx-7")).Value;
        var again = (await PayAsync(order.Id, 30m, "tx-7")).Value;
        Assert.Equal(first, again);
        Assert.Equal(30m, (await FindAsync(order.Id))!.Paid.Amount);
        var reused = await PayAsync(order.Id, 31m, "tx-7");
        Assert.Equal("payment_callback.transaction_reused", reused.Failure!.Code);
        Assert.Equal(30m, (await FindAsync(order.Id))!.Paid.Amount);
    }

    [Fact]
    public async Task UnknownOrderAndOtherCurrency_AreKeptUnmatched_AndTheOrderIsUntouched()
    {
        var order = await OrderAsync(100m);
        var unknown = (await PayAsync("PO-KZ-999999", 70m)).Value;
        Assert.Equal((SettlementOutcome.Unmatched, null), (unknown.Outcome, unknown.OrderId));
        var dollars = (await PayAsync(order.Id, 100m, currency: "USD")).Value;
        Assert.Equal((SettlementOutcome.CurrencyMismatch, null), (dollars.Outcome, dollars.OrderId));
        Assert.Equal(0m, (await FindAsync(order.Id))!.Paid.Amount);

        var report = (await _db.Database.ReadAsync((c, t) => PaymentLedger.ReconcileAsync(null, null, c, null, t), CancellationToken.None)).Value;
        Assert.Equal([order.Id, "PO-KZ-999999"], report.Unmatched.Select(u => u.ClaimedOrderId).Order(StringComparer.Ordinal).ToArray());
        Assert.Equal(70m, report.Totals.Single(t => t.Currency.Value == "KZT").Unmatched.Amount);
        Assert.Equal(100m, report.Totals.Single(t => t.Currency.Value == "USD").Unmatched.Amount);
    }

    [Fact]
    public async Task Reconcile_ShowsEachStatus_TotalsPerCurrency_AndOnlyThePeriodsOrders()
    {
        var old = await OrderAsync(10m, "KZ-IM-0");
        _time.Advance(TimeSpan.FromDays(1));
        var unpaid = await OrderAsync(100m, "KZ-IM-1");
        var partial = await OrderAsync(200m, "KZ-IM-2");
        var exact = await OrderAsync(300m, "KZ-IM-3");
        var over = await OrderAsync(400m, "KZ-IM-4");
        await PayAsync(partial.Id, 50m);
        await PayAsync(exact.Id, 300m);
        await PayAsync(over.Id, 400m);
        await PayAsync(over.Id, 25.5m);
        await PayAsync(old.Id, 10m);

        var day = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        var report = (await _db.Database.ReadAsync((c, t) => PaymentLedger.ReconcileAsync(day, day, c, null, t), CancellationToken.None)).Value;
        Assert.Equal(
            [(unpaid.Id, ReconciliationStatus.Unpaid, 100m), (partial.Id, ReconciliationStatus.PartiallyPaid, 150m), (exact.Id, ReconciliationStatus.Paid, 0m), (over.Id, ReconciliationStatus.OverPaid, -25.5m)],
            report.Orders.Select(l => (l.OrderId, l.Status, l.Balance.Amount)).ToArray());
        Assert.Equal(2, report.Orders.Single(l => l.OrderId == over.Id).Payments);
        var total = Assert.Single(report.Totals);
        Assert.Equal((1_000m, 775.5m, 250m, 25.5m, 1, 1, 1, 1), (total.Due.Amount, total.Paid.Amount, total.Outstanding.Amount, total.Excess.Amount, total.Unpaid, total.PartiallyPaid, total.PaidInFull, total.OverPaid));

        var reversed = await _db.Database.ReadAsync((c, t) => PaymentLedger.ReconcileAsync(day, day.AddDays(-1), c, null, t), CancellationToken.None);
        Assert.Equal("reconciliation.period", reversed.Failure!.Code);
    }

    private sealed class RecordingHandler : IPaymentSettledHandler
    {
        public List<PaymentOrder> Calls { get; } = [];

        public bool Fail { get; set; }

        public string Purpose => Duty;

        public async Task OnSettledAsync(PaymentOrder order, UnitOfWork unit, CancellationToken cancellationToken)
        {
            Calls.Add(order);
            await unit.Connection.ExecuteAsync(new CommandDefinition("insert into test_settled (order_id) values (@id)", new { id = order.Id }, unit.Transaction, cancellationToken: cancellationToken));
            if (Fail)
            {
                throw new InvalidOperationException("The consuming module failed.");
            }
        }
    }

    private sealed class OtherPurposeHandler : IPaymentSettledHandler
    {
        public string Purpose => "ecommerce-declaration";

        public Task OnSettledAsync(PaymentOrder order, UnitOfWork unit, CancellationToken cancellationToken) =>
            throw new InvalidOperationException($"Called for an order of purpose {order.Purpose}.");
    }
}
