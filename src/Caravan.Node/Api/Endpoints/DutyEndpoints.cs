using Caravan.Common;
using Caravan.Node.Api.Idempotency;
using Caravan.Node.Api.Problems;
using Caravan.Node.Api.Security;
using Caravan.Storage;
using Caravan.Window.Consignments;
using Caravan.Window.Duty;

namespace Caravan.Node.Api.Endpoints;

/// <summary>
/// The national tariff and exchange rates (operator) and duty assessment of import consignments (customs), with the
/// working of every amount and the certificate-of-origin preference drawn down when it applies.
/// </summary>
public static class DutyEndpoints
{
    public static void MapDutyEndpoints(this IEndpointRouteBuilder api)
    {
        var tariff = api.MapGroup("/tariff").WithTags("Tariff and duty");
        tariff.MapIdempotentPost<RawBody, TariffStore.TariffVersion>("/versions", (body, context, ct) =>
            context.Services.GetRequiredService<TariffStore>().PublishAsync(System.Text.Encoding.UTF8.GetString(body.Bytes),
                body.Query.TryGetValue("note", out var note) ? note.ToString() : null, context.User.GetPartyId(), context.Unit, ct))
            .RequireAuthorization(Policies.Operator)
            .WithMetadata(new RequestBodyLimit(16 * 1024 * 1024))
            .WithSummary("Publishes the whole national tariff as CSV (text/csv; header code,valid_from,valid_to,mfn,vat_percent,excise,preferences); a file with gaps, overlaps or bad values is refused naming its lines.");

        tariff.MapGet("/lines/{code}", async (string code, DateOnly? date, TariffStore store, CaravanDatabase database, TimeProvider time, CancellationToken ct) =>
        {
            var active = await database.ReadAsync((c, t) => store.GetActiveAsync(c, null, t), ct).ConfigureAwait(false);
            var on = date ?? DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            return active?.Schedule.Find(code, on) is { } line
                ? Results.Ok(new { tariffVersion = active.Value.Version, date = on, line })
                : Failure.NotFound("tariff.no_line", $"No tariff line covers {code} on {on:yyyy-MM-dd}.").ToProblem();
        }).RequireAuthorization(Policies.AnyParty).WithSummary("The tariff line that applies to a goods code on a date (the longest matching code).");

        api.MapIdempotentPost<IReadOnlyList<TariffStore.RateRequest>, IReadOnlyList<Caravan.Customs.Duty.ExchangeRate>>("/exchange-rates", (rates, context, ct) =>
            context.Services.GetRequiredService<TariffStore>().PublishRatesAsync(rates, context.User.GetPartyId(), context.Unit, ct))
            .RequireAuthorization(Policies.Operator).WithTags("Tariff and duty")
            .WithSummary("Publishes exchange rates: [{currency, validFrom, nationalPerUnit}]; the rate for a date is the latest from on or before it.");

        api.MapIdempotentPost<DutyService.AssessRequest, DutyService.Outcome>("/consignments/{id}/duty", async (request, context, ct) =>
        {
            var id = context.Route("id");
            var actor = context.User.ToActor();
            var consignment = await context.Services.GetRequiredService<ConsignmentWorkflow>().FindAsync(id, context.Unit.Connection, context.Unit.Transaction, ct).ConfigureAwait(false);
            if (consignment is null || !ConsignmentWorkflow.MaySee(actor, consignment))
            {
                return Failure.NotFound("consignment.not_found", $"Consignment {id} does not exist.");
            }
            return await context.Services.GetRequiredService<DutyService>().AssessAsync(actor, id, consignment, request, context.Unit, ct).ConfigureAwait(false);
        }).RequireAuthorization(Policies.Customs).WithTags("Tariff and duty")
            .WithSummary("Customs assesses an import's duty, excise and VAT with their working; {date?, certificate?: {issuingCountry, number}} claims the preference of a received certificate of origin, drawn down once.");

        api.MapGet("/consignments/{id}/duty", async (string id, HttpContext http, ConsignmentWorkflow workflow, CaravanDatabase database, CancellationToken ct) =>
        {
            var consignment = await database.ReadAsync((c, t) => workflow.FindAsync(id, c, null, t), ct).ConfigureAwait(false);
            if (consignment is null || !ConsignmentWorkflow.MaySee(http.User.ToActor(), consignment))
            {
                return Failure.NotFound("consignment.not_found", $"Consignment {id} does not exist.").ToProblem();
            }
            var outcome = await database.ReadAsync((c, t) => DutyService.FindAsync(id, c, t), ct).ConfigureAwait(false);
            return outcome is null ? Failure.NotFound("duty.not_assessed", $"Consignment {id} is not assessed yet.").ToProblem() : Results.Ok(outcome);
        }).RequireAuthorization(Policies.AnyParty).WithTags("Tariff and duty").WithSummary("The assessment of a consignment, with its working (the trader sees its own).");
    }
}
