using System.Data.Common;
using System.Text;
using Caravan.Common;
using Caravan.Documents.Common;
using Caravan.Node.Api.Idempotency;
using Caravan.Node.Api.Problems;
using Caravan.Node.Api.Security;
using Caravan.Node.Hosting;
using Caravan.Parties;
using Caravan.Storage;
using Caravan.Window.Payments;

namespace Caravan.Node.Api.Endpoints;

/// <summary>
/// Payment orders (customs and the operator make them; the payer sees and pays its own), the providers' signed
/// settlement callbacks (anonymous, believed only when the signature verifies), and the reconciliation report.
/// </summary>
public static class PaymentEndpoints
{
    /// <summary>The largest callback body accepted; a settlement is a few hundred bytes.</summary>
    public const int MaxCallbackBytes = 64 * 1024;

    public sealed record CreateOrderRequest(string PayerPartyId, string Purpose, string Reference, Money Amount);

    public static void MapPaymentEndpoints(this IEndpointRouteBuilder api)
    {
        var orders = api.MapGroup("/payment-orders").WithTags("Payments");
        orders.MapIdempotentPost<CreateOrderRequest, PaymentOrder>("", (request, context, ct) =>
            context.Services.GetRequiredService<PaymentOrderStore>().CreateAsync(context.Unit, request.PayerPartyId, request.Purpose, request.Reference, request.Amount, ct))
            .RequireAuthorization(Policies.CustomsOrOperator)
            .WithSummary("Makes a payment order {payerPartyId, purpose, reference, amount: {amount, currency}}; while an order for the purpose and reference is open, the same request returns it and another is a 409.");

        orders.MapGet("", async (HttpContext http, CaravanDatabase database, CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            var payer = SeesAll(actor.Role) ? null : actor.PartyId;
            return Results.Ok(await database.ReadAsync((c, t) => PaymentOrderStore.ListAsync(payer, c, t), ct).ConfigureAwait(false));
        }).RequireAuthorization(Policies.AnyParty).WithSummary("Payment orders, newest first: the caller's own, or all of them for customs and the operator.");

        orders.MapGet("/{id}", async (string id, HttpContext http, CaravanDatabase database, CancellationToken ct) =>
        {
            var order = await database.ReadAsync((c, t) => PaymentOrderStore.FindAsync(id, c, null, t), ct).ConfigureAwait(false);
            return MaySee(http, order) ? Results.Ok(order) : NotFound(id).ToProblem();
        }).RequireAuthorization(Policies.AnyParty).WithSummary("One payment order with what was paid and the balance (the payer, customs and the operator).");

        orders.MapGet("/{id}/settlements", async (string id, HttpContext http, CaravanDatabase database, CancellationToken ct) =>
        {
            var order = await database.ReadAsync((c, t) => PaymentOrderStore.FindAsync(id, c, null, t), ct).ConfigureAwait(false);
            return MaySee(http, order)
                ? Results.Ok(await database.ReadAsync((c, t) => PaymentLedger.ListForOrderAsync(id, c, t), ct).ConfigureAwait(false))
                : NotFound(id).ToProblem();
        }).RequireAuthorization(Policies.AnyParty).WithSummary("The provider payments applied to an order, oldest first.");

        orders.MapIdempotentPost<EmptyRequest, ProviderCheckout>("/{id}/pay", (_, context, ct) =>
            StartCheckoutAsync(context.Route("id"), context.User.GetPartyId(), context.Services, context.Unit, ct)
        , StatusCodes.Status202Accepted).RequireAuthorization(Policies.AnyParty)
            .WithSummary("The payer starts paying an order's balance with the node's checkout provider; the order is paid when the provider's signed callback arrives.");

        var payments = api.MapGroup("/payments").WithTags("Payments");
        payments.MapPost("/callbacks/{provider}", HandleCallbackAsync).AllowAnonymous()
            .Produces<Settlement>(StatusCodes.Status200OK)
            .Produces<Settlement>(StatusCodes.Status202Accepted)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithSummary($"A provider reports a settlement: JSON {{providerTransactionId, orderId, amount, currency, paidAt}} signed in the {PaymentSignature.HeaderName} header. 200 applied, 202 kept unmatched (unknown order), 422 other currency (kept unmatched), 401 bad signature (nothing kept); a retry is answered the same.");

        payments.MapGet("/reconciliation", async (DateOnly? from, DateOnly? to, CaravanDatabase database, CancellationToken ct) =>
            (await database.ReadSnapshotAsync((c, t, token) => PaymentLedger.ReconcileAsync(from, to, c, t, token), ct).ConfigureAwait(false)).ToHttp())
            .RequireAuthorization(Policies.CustomsOrOperator)
            .WithSummary("Orders made from..to (UTC days, inclusive) with due, paid, balance and status (unpaid, partially_paid, paid, over_paid), totals per currency, and the unmatched payments received in the period.");
    }

    private static async Task<IResult> HandleCallbackAsync(string provider, HttpContext http, PaymentProviderTrust trust, PaymentLedger ledger, CaravanDatabase database, CancellationToken ct)
    {
        var body = await ReadBodyAsync(http.Request, ct).ConfigureAwait(false);
        if (body is null)
        {
            return ProblemResults.Problem(StatusCodes.Status413PayloadTooLarge, "request.too_large", $"A callback body is at most {MaxCallbackBytes} bytes.");
        }
        string? signature = http.Request.Headers[PaymentSignature.HeaderName];
        var verified = trust.Verify(provider, body, signature);
        if (!verified.IsSuccess)
        {
            return verified.Failure.Kind == FailureKind.Untrusted
                ? ProblemResults.Problem(StatusCodes.Status401Unauthorized, verified.Failure.Code, verified.Failure.Message)
                : verified.Failure.ToProblem();
        }
        var text = Encoding.UTF8.GetString(body);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                var applied = await database.InTransactionAsync((unit, token) => ledger.ApplyAsync(provider, verified.Value, text, signature!, unit, token), ct).ConfigureAwait(false);
                if (!applied.IsSuccess)
                {
                    return applied.Failure.ToProblem();
                }
                var settlement = applied.Value;
                return settlement.Outcome switch
                {
                    SettlementOutcome.Applied => Results.Ok(settlement),
                    SettlementOutcome.Unmatched => Results.Accepted(value: settlement),
                    SettlementOutcome.CurrencyMismatch => ProblemResults.Problem(StatusCodes.Status422UnprocessableEntity, "payment_callback.currency_mismatch",
                        $"Order {settlement.ClaimedOrderId} is not payable in {settlement.Amount.Currency}; the payment is kept as unmatched for reconciliation."),
                    _ => throw new InvalidOperationException($"Unknown settlement outcome {settlement.Outcome}."),
                };
            }
            catch (DbException ex) when (DbErrors.IsUniqueViolation(ex) && attempt < 2)
            {
                // The same transaction was recorded concurrently: the next attempt answers as the first did.
            }
        }
    }

    private static bool SeesAll(PartyRole role) => role is PartyRole.Customs or PartyRole.Operator;

    private static bool MaySee(HttpContext http, PaymentOrder? order)
    {
        if (order is null)
        {
            return false;
        }
        var actor = http.User.ToActor();
        return SeesAll(actor.Role) || order.PayerPartyId == actor.PartyId;
    }

    private static Failure NotFound(string id) => Failure.NotFound("payment_order.not_found", $"Payment order {id} does not exist.");

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > MaxCallbackBytes)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    /// <summary>The payer starts paying an order's balance with the node's checkout provider (the API and the portal's Pay button).</summary>
    public static async Task<Result<ProviderCheckout>> StartCheckoutAsync(string id, string payerPartyId, IServiceProvider services, UnitOfWork unit, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(unit);
        var order = await PaymentOrderStore.FindAsync(id, unit.Connection, unit.Transaction, ct).ConfigureAwait(false);
        if (order is null || order.PayerPartyId != payerPartyId)
        {
            return NotFound(id);
        }
        var runtime = services.GetRequiredService<NodeRuntime>();
        var name = runtime.Options.Payments.EffectiveCheckoutProvider;
        var provider = services.GetServices<IPaymentProvider>().FirstOrDefault(p => p.Name == name);
        if (provider is null)
        {
            return Failure.NotFound("payment_checkout.disabled", "No payment provider is enabled for checkout on this node; pay at your provider with the order id as reference.");
        }
        if (order.Status == PaymentOrderStatus.Paid)
        {
            return Failure.Conflict("payment_order.already_paid", $"Order {id} is already paid ({order.Paid}).");
        }
        var checkout = await provider.StartAsync(order, runtime.CallbackUrl(provider.Name), ct).ConfigureAwait(false);
        await PaymentOrderStore.RecordCheckoutAsync(checkout, unit, ct).ConfigureAwait(false);
        return checkout;
    }
}
