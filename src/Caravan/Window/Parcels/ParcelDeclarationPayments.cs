using Caravan.Common;
using Caravan.Documents.Common;
using Caravan.Storage;
using Caravan.Window.Payments;

namespace Caravan.Window.Parcels;

/// <summary>
/// Ties consolidated declarations to payments: lodging one with an amount due raises a payment order for the liable
/// party in the same transaction, and when the payment provider's signed callback settles that order, the declaration
/// is marked paid and its charges leave the guarantee's liability.
/// </summary>
public sealed class ParcelDeclarationPayments(ParcelDeclarations declarations, PaymentOrderStore orders) : IPaymentSettledHandler
{
    public const string PaymentPurpose = "parcel-declaration";

    public string Purpose => PaymentPurpose;

    /// <summary>Lodges the declaration and raises its payment order.</summary>
    public Task<Result<ParcelDeclarations.Declaration>> LodgeAsync(Consignments.Actor actor, ParcelDeclarations.LodgeRequest request, UnitOfWork unit, CancellationToken cancellationToken) =>
        declarations.LodgeAsync(actor, request, unit, async (declaration, u, ct) =>
        {
            var order = await orders.CreateAsync(u, declaration.PartyId, PaymentPurpose, declaration.Id, Money.Create(declaration.Total, declaration.Currency).Value, ct).ConfigureAwait(false);
            return order.IsSuccess ? order.Value.Id : Result<string>.Fail(order.Failure!);
        }, cancellationToken);

    public async Task OnSettledAsync(PaymentOrder order, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        await declarations.MarkPaidAsync(order.Reference, unit, cancellationToken).ConfigureAwait(false);
    }
}
