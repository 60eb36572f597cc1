using System.Globalization;
using Caravan.Common;
using Caravan.Parties;
using Caravan.Storage;
using Caravan.Window.Consignments;
using Dapper;

namespace Caravan.Window.Parcels;

/// <summary>
/// A returned parcel is matched to its import by platform and tracking id, and the duty and tax charged on the returned
/// quantity are refunded to the liable party (who collected them and refunds the buyer), as a credit on its next
/// consolidated declaration. Refunds add up to at most the parcel's charge: the last return of the remaining quantity
/// refunds exactly what is left, and a parcel returned in full cannot be returned again.
/// </summary>
public sealed class ParcelReturns(NodeContext node, TimeProvider time)
{
    public sealed record ReturnRequest(string Platform, string TrackingId, decimal? Quantity, string? Reason);

    public sealed record Refund(string Id, string ParcelId, decimal Quantity, decimal Refunded, decimal TotalRefunded, decimal Charged, string Currency, string RefundTo);

    public async Task<Result<Refund>> RecordAsync(Actor actor, ReturnRequest request, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(unit);
        if (request is null || string.IsNullOrWhiteSpace(request.Platform) || string.IsNullOrWhiteSpace(request.TrackingId))
        {
            return Failure.Validation([new FieldError("trackingId", "required", "A return names the parcel: {platform, trackingId, quantity?, reason?}.")]);
        }
        if (request.Quantity is <= 0)
        {
            return Failure.Validation([new FieldError("quantity", "number.range", "The returned quantity is more than 0.")]);
        }
        var parcel = await unit.Connection.QuerySingleOrDefaultAsync<ParcelRow>(new CommandDefinition(
            ParcelRow.Select + " where platform = @Platform and tracking_id = @TrackingId" + unit.Dialect.ForUpdate, request, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (parcel is null || (actor.Role == PartyRole.ParcelOperator && parcel.SubmitterPartyId != actor.PartyId && parcel.LiablePartyId != actor.PartyId))
        {
            return Failure.NotFound("parcel.not_found", $"No parcel {request.TrackingId} of platform {request.Platform} was imported here.");
        }
        if (parcel.Decision != "release")
        {
            return Failure.Conflict("parcel.not_released", $"Parcel {parcel.Id} is {parcel.Decision}: it was not imported, so nothing is refunded.");
        }
        var total = decimal.Parse(parcel.Quantity, CultureInfo.InvariantCulture);
        var returned = decimal.Parse(parcel.ReturnedQuantity, CultureInfo.InvariantCulture);
        var left = total - returned;
        if (left <= 0)
        {
            return Failure.Conflict("parcel.already_returned", $"Parcel {parcel.Id} was already returned in full; its refund of {ParcelRow.Major(parcel.RefundedMinor)} is recorded once.");
        }
        var quantity = request.Quantity ?? left;
        if (quantity > left)
        {
            return Failure.Conflict("return.quantity", $"Only {left.ToString(CultureInfo.InvariantCulture)} of parcel {parcel.Id} is left to return, not {quantity.ToString(CultureInfo.InvariantCulture)}.");
        }
        var refund = quantity == left
            ? parcel.ChargeMinor - parcel.RefundedMinor
            : Math.Min(parcel.ChargeMinor - parcel.RefundedMinor, (long)decimal.Round(parcel.ChargeMinor * quantity / total, 0, MidpointRounding.AwayFromZero));
        var now = time.GetUtcNow().ToUnixTimeMilliseconds();
        var changed = await unit.Connection.ExecuteAsync(new CommandDefinition(
            """
            update parcels set returned_quantity = @returnedNow, refunded_minor = refunded_minor + @refund
            where id = @id and returned_quantity = @returnedBefore and refunded_minor = @refundedBefore
            """,
            new
            {
                id = parcel.Id,
                refund,
                returnedNow = (returned + quantity).ToString(CultureInfo.InvariantCulture),
                returnedBefore = parcel.ReturnedQuantity,
                refundedBefore = parcel.RefundedMinor,
            }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (changed == 0)
        {
            return Failure.Conflict("parcel.changed", $"Parcel {parcel.Id} was returned at the same time by another request; retry.");
        }
        var id = $"{node.CountryCode}-PR{await NumberSequence.NextAsync(unit, "parcel-return", cancellationToken).ConfigureAwait(false)}";
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into parcel_returns (id, parcel_id, quantity, refund_minor, refund_to, liable_party_id, reason, recorded_by, recorded_at_ms)
            values (@id, @parcelId, @quantity, @refund, @liable, @liable, @reason, @actor, @now)
            """,
            new { id, parcelId = parcel.Id, quantity = quantity.ToString(CultureInfo.InvariantCulture), refund, liable = parcel.LiablePartyId, reason = request.Reason, actor = actor.PartyId, now },
            unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new Refund(id, parcel.Id, quantity, ParcelRow.Major(refund), ParcelRow.Major(parcel.RefundedMinor + refund), ParcelRow.Major(parcel.ChargeMinor),
            node.NationalCurrency, parcel.LiablePartyId);
    }
}
