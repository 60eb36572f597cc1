using Caravan.Common;
using Caravan.Customs.Parcels;
using Caravan.Node.Api.Idempotency;
using Caravan.Node.Api.Problems;
using Caravan.Node.Api.Security;
using Caravan.Parties;
using Caravan.Storage;
using Caravan.Window.Parcels;

namespace Caravan.Node.Api.Endpoints;

/// <summary>
/// The e-commerce parcel lane: platforms, express carriers and postal operators push parcel batches (JSON lines or
/// CSV) and get a release or hold per parcel; customs decides held parcels and sets guarantees; the operator sets de
/// minimis thresholds and tax registrations; liable parties lodge consolidated declarations and record returns; all
/// see statistics (a parcel operator only of its own parcels).
/// </summary>
public static class ParcelEndpoints
{
    /// <summary>The largest batch body accepted (10,000 lines of typical size fit in a few MiB).</summary>
    public const int MaxBatchBytes = 16 * 1024 * 1024;

    public static void MapParcelEndpoints(this IEndpointRouteBuilder api)
    {
        var parcels = api.MapGroup("/parcels").WithTags("E-commerce parcels");

        parcels.MapPost("/batches", async (HttpContext http, ParcelLane lane, CancellationToken ct) =>
        {
            var mediaType = http.Request.ContentType?.Split(';', 2)[0].Trim().ToLowerInvariant();
            ParcelBatchFormat? format = mediaType switch
            {
                "application/x-ndjson" or "application/jsonl" or "application/jsonlines" => ParcelBatchFormat.JsonLines,
                "text/csv" => ParcelBatchFormat.Csv,
                _ => null,
            };
            if (format is null)
            {
                return ProblemResults.Problem(StatusCodes.Status415UnsupportedMediaType, "parcels.media_type",
                    "A parcel batch is JSON lines (application/x-ndjson) or CSV with a header line (text/csv).");
            }
            if (http.Request.ContentLength > MaxBatchBytes)
            {
                return ProblemResults.Problem(StatusCodes.Status413PayloadTooLarge, "parcels.too_large", $"A batch is at most {MaxBatchBytes / 1024 / 1024} MiB; split it.");
            }
            using var buffer = new MemoryStream();
            var body = http.Request.Body;
            var chunk = new byte[81920];
            int read;
            while ((read = await body.ReadAsync(chunk, ct).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBatchBytes)
                {
                    return ProblemResults.Problem(StatusCodes.Status413PayloadTooLarge, "parcels.too_large", $"A batch is at most {MaxBatchBytes / 1024 / 1024} MiB; split it.");
                }
                buffer.Write(chunk, 0, read);
            }
            var result = await lane.IngestAsync(http.User.ToActor(), buffer.GetBuffer().AsMemory(0, (int)buffer.Length), format.Value, ct).ConfigureAwait(false);
            return result.ToHttp();
        }).RequireAuthorization(Policies.ParcelOperator)
            .WithSummary("Pushes a batch of parcels (JSON lines or CSV, up to 10,000 lines): each is assessed and answered release or hold with its charges and risk; malformed lines are listed with their line number and reason, the rest accepted. A parcel sent again (same platform and tracking id) is stored once and answered with its first decision, so a batch can be resent safely without an Idempotency-Key.");

        parcels.MapGet("", async (HttpContext http, string? platform, string? decision, string? batch, int? limit, CaravanDatabase database, CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            var rows = await database.ReadAsync((c, t) => ParcelStore.ListAsync(actor, new ParcelStore.Filter(platform, decision, batch, Math.Clamp(limit ?? 100, 1, 1000)), c, t), ct).ConfigureAwait(false);
            return Results.Ok(rows);
        }).RequireAuthorization(Policies.ParcelReader).WithSummary("The latest parcels (a parcel operator sees those it lodged or is liable for), filtered by platform, decision (release, hold, refused) or batch.");

        parcels.MapGet("/{id}", async (string id, HttpContext http, ParcelExplanation explanation, CaravanDatabase database, CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            var parcel = await database.ReadAsync((c, t) => ParcelStore.FindAsync(id, c, null, t), ct).ConfigureAwait(false);
            if (parcel is null || (actor.Role == PartyRole.ParcelOperator && parcel.SubmitterPartyId != actor.PartyId && parcel.LiablePartyId != actor.PartyId))
            {
                return Failure.NotFound("parcel.not_found", $"Parcel {id} does not exist.").ToProblem();
            }
            var explained = await database.ReadAsync((c, t) => explanation.ExplainAsync(parcel, c, t), ct).ConfigureAwait(false);
            return Results.Ok(new
            {
                parcel = explained.Parcel,
                working = explained.Working,
                workingNote = explained.WorkingNote,
                risk = actor.Role == PartyRole.ParcelOperator ? null : explained.Risk,
                riskNote = actor.Role == PartyRole.ParcelOperator ? null : explained.RiskNote,
            });
        }).RequireAuthorization(Policies.ParcelReader).WithSummary("A parcel with the working of its charges; customs also sees the risk decision with every rule that held and why.");

        parcels.MapIdempotentPost<ParcelDecisions.DecisionRequest, ParcelDecisions.Decided>("/{id}/decision", (request, context, ct) =>
            context.Services.GetRequiredService<ParcelDecisions>().DecideAsync(context.User.ToActor(), context.Route("id"), request, context.Unit, ct), StatusCodes.Status200OK)
            .RequireAuthorization(Policies.Customs)
            .WithSummary("Customs decides a held parcel {action: release|refuse, found?, findings?}; release needs the charge covered by the liable party's guarantee; an inspection result marks the rules that held as hits or misses.");

        parcels.MapIdempotentPost<ParcelReturns.ReturnRequest, ParcelReturns.Refund>("/returns", (request, context, ct) =>
            context.Services.GetRequiredService<ParcelReturns>().RecordAsync(context.User.ToActor(), request, context.Unit, ct))
            .RequireAuthorization(Policies.ParcelReader)
            .WithSummary("Records a returned parcel {platform, trackingId, quantity?, reason?}: the duty and tax on the returned quantity are refunded once, as a credit on the liable party's next declaration.");

        parcels.MapGet("/settings", async (CaravanDatabase database, CancellationToken ct) =>
            Results.Ok(await database.ReadAsync((c, t) => ParcelAccounts.SettingsAsync(c, null, t), ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.ParcelReader).WithSummary("The de minimis thresholds (duty and tax, national currency), value bands and the oldest date of sale accepted.");
        parcels.MapIdempotentPost<ParcelSettings, ParcelSettings>("/settings", (settings, context, ct) =>
            context.Services.GetRequiredService<ParcelAccounts>().SaveSettingsAsync(settings, context.User.GetPartyId(), context.Unit, ct), StatusCodes.Status200OK)
            .RequireAuthorization(Policies.Operator)
            .WithSummary("Sets {dutyDeMinimis?, taxDeMinimis?, valueBands, maxSaleAgeDays}; they apply to batches received from then on.");

        parcels.MapIdempotentPost<ParcelAccounts.RegistrationRequest, ParcelRegistration>("/registrations", (request, context, ct) =>
            context.Services.GetRequiredService<ParcelAccounts>().RegisterAsync(request, context.User.GetPartyId(), context.Unit, ct))
            .RequireAuthorization(Policies.CustomsOrOperator)
            .WithSummary("Records a tax registration for collection at sale {number (IM + 10 digits), partyId, platform, validFrom, validTo?}.");

        parcels.MapIdempotentPost<ParcelAccounts.GuaranteeRequest, ParcelAccounts.Guarantee>("/guarantees/{partyId}", (request, context, ct) =>
            context.Services.GetRequiredService<ParcelAccounts>().SetGuaranteeAsync(context.Route("partyId"), request, context.Services.GetRequiredService<NodeContext>().NationalCurrency, context.Unit, ct), StatusCodes.Status200OK)
            .RequireAuthorization(Policies.Customs)
            .WithSummary("Sets the amount a parcel operator's guarantee covers {amount}; parcels are released only while their charges fit under it.");
        parcels.MapGet("/guarantees/{partyId}", async (string partyId, HttpContext http, NodeContext node, CaravanDatabase database, CancellationToken ct) =>
        {
            var actor = http.User.ToActor();
            var guarantee = actor.Role == PartyRole.ParcelOperator && actor.PartyId != partyId ? null
                : await database.ReadAsync((c, t) => ParcelAccounts.GuaranteeAsync(partyId, node.NationalCurrency, c, null, t), ct).ConfigureAwait(false);
            return guarantee is null ? Failure.NotFound("guarantee.not_found", $"No guarantee is recorded for {partyId}.").ToProblem() : Results.Ok(guarantee);
        }).RequireAuthorization(Policies.ParcelReader).WithSummary("A guarantee account: amount, liability (charges of released parcels not yet paid) and headroom.");

        parcels.MapGet("/statistics", async (HttpContext http, string? by, DateTimeOffset? from, DateTimeOffset? to, NodeContext node, CaravanDatabase database, CancellationToken ct) =>
        {
            var report = await database.ReadAsync((c, t) => ParcelStatistics.QueryAsync(http.User.ToActor(), by ?? "channel", from, to, node.NationalCurrency, c, t), ct).ConfigureAwait(false);
            return report.ToHttp();
        }).RequireAuthorization(Policies.ParcelReader)
            .WithSummary("Item-level statistics by origin, hs_chapter, platform, channel, value_band or collection, over a period of receipt [from, to).");

        var declarations = api.MapGroup("/parcel-declarations").WithTags("E-commerce parcels");
        declarations.MapIdempotentPost<ParcelDeclarations.LodgeRequest, ParcelDeclarations.Declaration>("", (request, context, ct) =>
            context.Services.GetRequiredService<ParcelDeclarationPayments>().LodgeAsync(context.User.ToActor(), request, context.Unit, ct))
            .RequireAuthorization(Policies.ParcelOperator)
            .WithSummary("Lodges the consolidated declaration of an ended month {period: yyyy-MM} for the parcels the caller is liable for, with a payment order for the amount due; a month already declared (or earlier) is a conflict.");
        declarations.MapGet("", async (HttpContext http, CaravanDatabase database, CancellationToken ct) =>
            Results.Ok(await database.ReadAsync((c, t) => ParcelDeclarations.ListAsync(http.User.ToActor(), c, t), ct).ConfigureAwait(false)))
            .RequireAuthorization(Policies.ParcelReader).WithSummary("Consolidated declarations, newest first (a parcel operator sees its own).");
        declarations.MapGet("/{id}", async (string id, HttpContext http, CaravanDatabase database, CancellationToken ct) =>
        {
            var declaration = await database.ReadAsync((c, t) => ParcelDeclarations.FindAsync(http.User.ToActor(), id, c, null, t), ct).ConfigureAwait(false);
            return declaration is null ? Failure.NotFound("declaration.not_found", $"Declaration {id} does not exist.").ToProblem() : Results.Ok(declaration);
        }).RequireAuthorization(Policies.ParcelReader).WithSummary("One consolidated declaration with its lines per collection model.");
    }
}
