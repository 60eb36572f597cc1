using Caravan.Common;
using Caravan.Exchange.Audit;
using Caravan.Exchange.Gateway;
using Caravan.Exchange.Outbox;
using Caravan.Node.Api.Idempotency;
using Caravan.Node.Api.Security;
using Caravan.Storage;

namespace Caravan.Node.Api.Endpoints;

/// <summary>The operator's view of the gateway: dead letters and re-send, the audit chain and its check.</summary>
public static class ExchangeEndpoints
{
    public sealed record DeadLetterView(long Id, string MessageId, string Partner, string Service, string Action, string ConversationId,
        int Attempts, string? LastError, DateTimeOffset CreatedAt, long PayloadBytes);

    public sealed record ResendResponse(long Id, string MessageId, string Status);

    public static void MapExchangeEndpoints(this IEndpointRouteBuilder api)
    {
        var group = api.MapGroup("/exchange").RequireAuthorization(Policies.Operator).WithTags("Gateway");

        group.MapGet("/dead-letters", async (OutboxStore outbox, long? after, int? limit, CancellationToken ct) =>
        {
            var dead = await outbox.ListDeadAsync(after ?? 0, Math.Clamp(limit ?? 100, 1, 1000), ct).ConfigureAwait(false);
            return Results.Ok(dead.Select(d => new DeadLetterView(d.Id, d.Message.MessageId, d.Message.Partner, d.Message.Service, d.Message.Action,
                d.Message.ConversationId, d.Attempts, d.LastError, d.Message.CreatedAt, d.PayloadLength)));
        }).WithSummary("Messages the gateway gave up on, oldest first (keyset paging with ?after=id).");

        group.MapIdempotentPost<EmptyRequest, ResendResponse>("/dead-letters/{id:long}/resend", async (_, context, ct) =>
        {
            var id = long.Parse(context.Route("id"), System.Globalization.CultureInfo.InvariantCulture);
            var outbox = context.Services.GetRequiredService<OutboxStore>();
            var time = context.Services.GetRequiredService<TimeProvider>();
            var entry = await outbox.GetAsync(id, ct).ConfigureAwait(false);
            if (entry is null)
            {
                return Failure.NotFound("dead_letter.not_found", $"Outbox message {id} does not exist.");
            }
            if (!await outbox.RequeueAsync(context.Unit, id, time.GetUtcNow(), ct).ConfigureAwait(false))
            {
                return Failure.Conflict("dead_letter.not_dead", $"Outbox message {id} is {entry.Status.ToString().ToLowerInvariant()}, not dead.");
            }
            await context.Services.GetRequiredService<AuditLog>().AppendAsync(context.Unit, new AuditEntry
            {
                At = time.GetUtcNow(),
                Actor = context.User.GetPartyId(),
                Kind = AuditKinds.Requeued,
                MessageId = entry.Message.MessageId,
                Subject = $"conversation:{entry.Message.ConversationId}",
            }, ct).ConfigureAwait(false);
            var signal = context.Services.GetRequiredService<DeliverySignal>();
            context.Unit.OnCommitted(signal.Notify);
            return new ResendResponse(id, entry.Message.MessageId, "pending");
        }, StatusCodes.Status202Accepted).WithSummary("Queues a dead letter for delivery again (attempts reset). Retry with the same Idempotency-Key is safe.");

        group.MapGet("/audit", async (AuditLog audit, long? after, int? limit, CancellationToken ct) =>
            Results.Ok(await audit.ReadAsync(after ?? 0, Math.Clamp(limit ?? 100, 1, 1000), ct).ConfigureAwait(false)))
            .WithSummary("The hash-chained audit log, in order (keyset paging with ?after=seq).");

        group.MapGet("/audit/verify", async (AuditVerifier verifier, CancellationToken ct) =>
        {
            var result = await verifier.VerifyAsync(ct).ConfigureAwait(false);
            return Results.Ok(result);
        }).WithSummary("Walks the audit chain and reports the first rewritten or deleted entry, if any.");
    }
}
