using System.Data.Common;
using System.Text.Json;
using Caravan.Common;
using Caravan.Documents.Declarations;
using Caravan.Parties;
using Caravan.Storage;
using Caravan.Window.Requirements;
using Dapper;

namespace Caravan.Window.Consignments;

/// <summary>
/// The single window's core: a trader (or a broker under mandate) lodges a consignment once; the requirements matrix
/// decides which agency actions it needs; one task per action opens at once; agencies approve, reject or ask for
/// information in parallel; the consignment is released only when every task has passed. Every step is an entry in
/// the consignment's append-only history, and every transition is guarded here (a decided task cannot be decided
/// again; only its own agency may decide it). All methods run in the caller's unit of work.
/// </summary>
public sealed class ConsignmentWorkflow(
    RequirementMatrixStore matrices,
    MandateStore mandates,
    IEnumerable<IConsignmentObserver> observers,
    IEnumerable<ITaskApprovalHandler> approvalHandlers,
    TimeProvider time)
{
    private readonly IConsignmentObserver[] _observers = observers.ToArray();
    private readonly Dictionary<AgencyActionKind, ITaskApprovalHandler> _approvalHandlers = approvalHandlers.ToDictionary(h => h.Action);

    public async Task<Result<ConsignmentView>> CreateDraftAsync(Actor actor, string? onBehalfOfTraderId, Lodgement lodgement, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(lodgement);
        ArgumentNullException.ThrowIfNull(unit);
        var now = time.GetUtcNow();
        var trader = await ResolveTraderAsync(actor, onBehalfOfTraderId, now, unit, cancellationToken).ConfigureAwait(false);
        if (!trader.IsSuccess)
        {
            return trader.Failure;
        }
        var id = "cns_" + Guid.CreateVersion7(now).ToString("N");
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into consignments (id, trader_party_id, lodged_by_party_id, status, procedure, origin_country, destination_country,
                declaration_json, facts_json, created_at_ms, updated_at_ms)
            values (@id, @trader, @lodgedBy, 'draft', @procedure, @origin, @destination, @json, @facts, @at, @at)
            """,
            new
            {
                id,
                trader = trader.Value,
                lodgedBy = actor.PartyId,
                procedure = Names.Of(lodgement.Facts.Procedure),
                origin = lodgement.Facts.OriginCountry,
                destination = lodgement.Facts.DestinationCountry,
                json = DeclarationJson.ToJson(lodgement.Declaration),
                facts = JsonSerializer.Serialize(lodgement.Facts, RequirementMatrixStore.Json),
                at = now.ToUnixTimeMilliseconds(),
            }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await AppendEventAsync(unit, id, now, actor.PartyId, "drafted", onBehalfOfTraderId is null ? null : $"for {trader.Value} under mandate", null, cancellationToken).ConfigureAwait(false);
        return (await FindAsync(id, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Replaces the declaration of a draft, or of a lodged consignment an agency asked information about.</summary>
    public async Task<Result<ConsignmentView>> AmendAsync(Actor actor, string id, Lodgement lodgement, string? message, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lodgement);
        var consignment = await LoadForTraderAsync(actor, id, unit, cancellationToken).ConfigureAwait(false);
        if (!consignment.IsSuccess)
        {
            return consignment.Failure;
        }
        var current = consignment.Value;
        var awaitingInformation = current.Tasks.Any(t => t.Status == AgencyTaskStatus.InformationRequested);
        if (current.Status != ConsignmentStatus.Draft && !(current.Status == ConsignmentStatus.InReview && awaitingInformation))
        {
            return Failure.Conflict("consignment.not_amendable", $"Consignment {id} is {Names.Of(current.Status)}; only a draft, or one an agency asked about, can be amended.");
        }
        if (lodgement.Facts.Procedure != current.Procedure)
        {
            return Failure.Validation([new FieldError("declaration.procedure", "procedure.changed", "An amendment cannot change the procedure; withdraw and lodge again.")]);
        }
        var now = time.GetUtcNow();
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            "update consignments set declaration_json = @json, facts_json = @facts, origin_country = @origin, destination_country = @destination, updated_at_ms = @at where id = @id",
            new { json = DeclarationJson.ToJson(lodgement.Declaration), facts = JsonSerializer.Serialize(lodgement.Facts, RequirementMatrixStore.Json), origin = lodgement.Facts.OriginCountry, destination = lodgement.Facts.DestinationCountry, at = now.ToUnixTimeMilliseconds(), id },
            unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await AppendEventAsync(unit, id, now, actor.PartyId, "amended", message, null, cancellationToken).ConfigureAwait(false);
        if (awaitingInformation)
        {
            await ReopenAnsweredTasksAsync(actor, current, message ?? "declaration amended", now, unit, cancellationToken).ConfigureAwait(false);
        }
        return (await FindAsync(id, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The trader answers an information request without changing the data; the asking agencies' tasks reopen.</summary>
    public async Task<Result<ConsignmentView>> RespondAsync(Actor actor, string id, string message, UnitOfWork unit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(message) || message.Length > 4000)
        {
            return Failure.Validation([new FieldError("message", "required", "message is required (at most 4000 characters).")]);
        }
        var consignment = await LoadForTraderAsync(actor, id, unit, cancellationToken).ConfigureAwait(false);
        if (!consignment.IsSuccess)
        {
            return consignment.Failure;
        }
        if (!consignment.Value.Tasks.Any(t => t.Status == AgencyTaskStatus.InformationRequested))
        {
            return Failure.Conflict("consignment.no_information_requested", $"No agency is waiting for information on consignment {id}.");
        }
        var now = time.GetUtcNow();
        await ReopenAnsweredTasksAsync(actor, consignment.Value, message, now, unit, cancellationToken).ConfigureAwait(false);
        return (await FindAsync(id, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Lodges a draft: assesses it under the active matrix, opens every task at once, and releases at once when none is needed.</summary>
    public async Task<Result<ConsignmentView>> SubmitAsync(Actor actor, string id, UnitOfWork unit, CancellationToken cancellationToken)
    {
        var consignment = await LoadForTraderAsync(actor, id, unit, cancellationToken).ConfigureAwait(false);
        if (!consignment.IsSuccess)
        {
            return consignment.Failure;
        }
        var current = consignment.Value;
        if (current.Status != ConsignmentStatus.Draft)
        {
            return Failure.Conflict("consignment.already_submitted", $"Consignment {id} is already {Names.Of(current.Status)}.");
        }
        // Lodging needs a complete declaration; a draft may have been saved incomplete.
        var declaration = DeclarationJson.Read(current.Declaration.GetRawText()).Document
            ?? throw new InvalidOperationException($"The stored declaration of consignment {id} no longer reads.");
        var incomplete = DeclarationValidator.Validate(declaration);
        if (incomplete.Count > 0)
        {
            return Failure.Validation("declaration.incomplete", $"Consignment {id} cannot be lodged until its declaration is complete; amend the draft.",
                incomplete.Select(e => new FieldError("declaration." + e.Path, e.Code, e.Message)).ToList());
        }
        var now = time.GetUtcNow();
        var matrix = await matrices.GetActiveAsync(cancellationToken).ConfigureAwait(false);
        var factsJson = await unit.Connection.QuerySingleAsync<string>(new CommandDefinition(
            "select facts_json from consignments where id = @id", new { id }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var facts = JsonSerializer.Deserialize<ConsignmentFacts>(factsJson, RequirementMatrixStore.Json)
            ?? throw new InvalidOperationException($"Consignment {id} has no facts.");
        var required = matrix.Assess(facts);
        var updated = await unit.Connection.ExecuteAsync(new CommandDefinition(
            "update consignments set status = 'in_review', matrix_version = @version, submitted_at_ms = @at, updated_at_ms = @at where id = @id and status = 'draft'",
            new { version = matrix.Version, at = now.ToUnixTimeMilliseconds(), id }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (updated != 1)
        {
            return Failure.Conflict("consignment.concurrent_change", $"Consignment {id} changed concurrently; retry.");
        }
        await AppendEventAsync(unit, id, now, actor.PartyId, "submitted", $"assessed under matrix version {matrix.Version}: {required.Count} action(s) required", null, cancellationToken).ConfigureAwait(false);
        var seq = 0;
        foreach (var action in required)
        {
            var taskId = $"tsk_{Guid.CreateVersion7(now):N}";
            await unit.Connection.ExecuteAsync(new CommandDefinition(
                """
                insert into consignment_tasks (id, consignment_id, seq, action_kind, agency_party_id, status, rule_ids, item_numbers, created_at_ms, updated_at_ms)
                values (@taskId, @id, @seq, @action, @agency, 'open', @rules, @items, @at, @at)
                """,
                new
                {
                    taskId,
                    id,
                    seq = ++seq,
                    action = Names.Of(action.Action),
                    agency = action.AgencyPartyId,
                    rules = string.Join(',', action.RuleIds),
                    items = string.Join(',', action.ItemNumbers),
                    at = now.ToUnixTimeMilliseconds(),
                }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await AppendEventAsync(unit, id, now, "window", "task-opened", $"{Names.Of(action.Action)} by {action.AgencyPartyId} (rules {string.Join(", ", action.RuleIds)})", taskId, cancellationToken).ConfigureAwait(false);
        }
        if (required.Count == 0)
        {
            await ReleaseAsync(id, now, "green lane: no agency action required", unit, cancellationToken).ConfigureAwait(false);
        }
        var view = (await FindAsync(id, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false))!;
        await NotifyAsync(view, "submitted", unit, cancellationToken).ConfigureAwait(false);
        return view;
    }

    public async Task<Result<ConsignmentView>> WithdrawAsync(Actor actor, string id, string reason, UnitOfWork unit, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000)
        {
            return Failure.Validation([new FieldError("reason", "required", "reason is required (at most 2000 characters).")]);
        }
        var consignment = await LoadForTraderAsync(actor, id, unit, cancellationToken).ConfigureAwait(false);
        if (!consignment.IsSuccess)
        {
            return consignment.Failure;
        }
        if (consignment.Value.Status is not (ConsignmentStatus.Draft or ConsignmentStatus.InReview))
        {
            return Failure.Conflict("consignment.not_withdrawable", $"Consignment {id} is {Names.Of(consignment.Value.Status)} and can no longer be withdrawn.");
        }
        var now = time.GetUtcNow();
        await SetStatusAsync(unit, id, ConsignmentStatus.Withdrawn, now, cancellationToken).ConfigureAwait(false);
        await CancelOpenTasksAsync(unit, id, now, cancellationToken).ConfigureAwait(false);
        await AppendEventAsync(unit, id, now, actor.PartyId, "withdrawn", reason, null, cancellationToken).ConfigureAwait(false);
        var view = (await FindAsync(id, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false))!;
        await NotifyAsync(view, "withdrawn", unit, cancellationToken).ConfigureAwait(false);
        return view;
    }

    /// <summary>An agency decides its task. A second decision, or one by another agency, is a conflict.</summary>
    public async Task<Result<ConsignmentView>> DecideAsync(Actor actor, string taskId, TaskDecision decision, string? reason, UnitOfWork unit, CancellationToken cancellationToken) =>
        await DecideAsync(actor, taskId, decision, reason, TaskApproval.None, unit, cancellationToken).ConfigureAwait(false);

    /// <summary>
    /// An agency decides its task; an approval whose action issues a document (an ePhyto) carries what the document
    /// needs in <paramref name="approval"/>, and the document is issued in the same transaction or the decision is refused.
    /// </summary>
    public async Task<Result<ConsignmentView>> DecideAsync(Actor actor, string taskId, TaskDecision decision, string? reason, TaskApproval approval, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(approval);
        if (decision != TaskDecision.Approve && string.IsNullOrWhiteSpace(reason))
        {
            return Failure.Validation([new FieldError("reason", "required", "A rejection or an information request needs a reason the trader can act on.")]);
        }
        if (reason is { Length: > 4000 })
        {
            return Failure.Validation([new FieldError("reason", "too_long", "reason is at most 4000 characters.")]);
        }
        var task = await unit.Connection.QuerySingleOrDefaultAsync<TaskRow>(new CommandDefinition(
            TaskColumns + " where id = @taskId", new { taskId }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (task is null)
        {
            return Failure.NotFound("task.not_found", $"Task {taskId} does not exist.");
        }
        if (task.AgencyPartyId != actor.PartyId)
        {
            return Failure.Conflict("task.wrong_agency", $"Task {taskId} belongs to {task.AgencyPartyId}; {actor.PartyId} cannot decide it.");
        }
        if (task.Status != "open")
        {
            return Failure.Conflict("task.already_decided", $"Task {taskId} is {task.Status}; it cannot be decided again.");
        }
        // Decisions on one consignment take turns (PostgreSQL: a row lock held to commit; SQLite serialises writers):
        // two agencies deciding at once would otherwise both number their history entry alike, and two last approvals
        // would each see the other's task still open and neither would release.
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            $"select id from consignments where id = @id{unit.Dialect.ForUpdate}", new { id = task.ConsignmentId }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var now = time.GetUtcNow();
        var newStatus = decision switch
        {
            TaskDecision.Approve => AgencyTaskStatus.Approved,
            TaskDecision.Reject => AgencyTaskStatus.Rejected,
            TaskDecision.RequestInformation => AgencyTaskStatus.InformationRequested,
            _ => throw new ArgumentOutOfRangeException(nameof(decision), decision, null),
        };
        // A document the approval issues (an ePhyto) is produced first; if the guarded update below then loses to a
        // concurrent decision, the whole transaction, document included, rolls back.
        if (decision == TaskDecision.Approve && _approvalHandlers.TryGetValue(Names.ParseAction(task.ActionKind), out var handler))
        {
            var before = (await FindAsync(task.ConsignmentId, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false))!;
            var produced = await handler.OnApprovingAsync(actor, before, before.Tasks.Single(t => t.Id == taskId), approval, unit, cancellationToken).ConfigureAwait(false);
            if (!produced.IsSuccess)
            {
                return produced.Failure;
            }
            if (produced.Value is { } note)
            {
                reason = string.IsNullOrWhiteSpace(reason) ? note : $"{reason} ({note})";
            }
        }
        // The guarded update makes two concurrent decisions on one task a conflict for the second, on both databases.
        var updated = await unit.Connection.ExecuteAsync(new CommandDefinition(
            "update consignment_tasks set status = @status, reason = @reason, decided_by = @actor, decided_at_ms = @at, updated_at_ms = @at where id = @taskId and status = 'open'",
            new { status = Names.Of(newStatus), reason, actor = actor.PartyId, at = now.ToUnixTimeMilliseconds(), taskId }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (updated != 1)
        {
            return Failure.Conflict("task.already_decided", $"Task {taskId} was decided concurrently.");
        }
        var kind = decision switch
        {
            TaskDecision.Approve => "task-approved",
            TaskDecision.Reject => "task-rejected",
            _ => "information-requested",
        };
        await AppendEventAsync(unit, task.ConsignmentId, now, actor.PartyId, kind, reason, taskId, cancellationToken).ConfigureAwait(false);
        var consignment = (await FindAsync(task.ConsignmentId, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false))!;
        var decided = consignment.Tasks.Single(t => t.Id == taskId);
        foreach (var observer in _observers)
        {
            await observer.OnTaskDecidedAsync(consignment, decided, unit, cancellationToken).ConfigureAwait(false);
        }
        if (decision == TaskDecision.Reject)
        {
            await SetStatusAsync(unit, task.ConsignmentId, ConsignmentStatus.Rejected, now, cancellationToken).ConfigureAwait(false);
            await CancelOpenTasksAsync(unit, task.ConsignmentId, now, cancellationToken).ConfigureAwait(false);
            await AppendEventAsync(unit, task.ConsignmentId, now, "window", "rejected", $"{Names.Of(decided.Action)} refused by {actor.PartyId}: {reason}", taskId, cancellationToken).ConfigureAwait(false);
        }
        else if (decision == TaskDecision.Approve && consignment.Tasks.All(t => t.Status == AgencyTaskStatus.Approved))
        {
            await ReleaseAsync(task.ConsignmentId, now, "every required action passed", unit, cancellationToken).ConfigureAwait(false);
        }
        var view = (await FindAsync(task.ConsignmentId, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false))!;
        await NotifyAsync(view, kind, unit, cancellationToken).ConfigureAwait(false);
        return view;
    }

    public async Task<ConsignmentView?> FindAsync(string id, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        // One round trip for the consignment, its tasks and its history (three result sets): the view is read several
        // times per request, and the round trips, not the queries, were what it cost.
        var results = await connection.QueryMultipleAsync(new CommandDefinition(
            ConsignmentColumns + " where id = @id;\n"
            + TaskColumns + " where consignment_id = @id order by seq;\n"
            + "select seq as Seq, at_ms as AtMs, actor as Actor, kind as Kind, reason as Reason, task_id as TaskId from consignment_events where consignment_id = @id order by seq",
            new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await using (results.ConfigureAwait(false))
        {
            var row = await results.ReadSingleOrDefaultAsync<ConsignmentRow>().ConfigureAwait(false);
            var tasks = await results.ReadAsync<TaskRow>().ConfigureAwait(false);
            var events = await results.ReadAsync<EventRow>().ConfigureAwait(false);
            return row?.ToView(tasks.Select(t => t.ToView()).ToList(), events.Select(e => e.ToEvent()).ToList());
        }
    }

    /// <summary>Consignments a party may see: a trader its own, a broker those it lodged, an agency those with a task for it.</summary>
    public async Task<IReadOnlyList<ConsignmentView>> ListAsync(Actor actor, int limit, DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        var where = actor.Role switch
        {
            PartyRole.Trader => "trader_party_id = @party",
            PartyRole.Broker => "lodged_by_party_id = @party",
            PartyRole.Agency or PartyRole.Customs or PartyRole.IssuingAuthority => "id in (select consignment_id from consignment_tasks where agency_party_id = @party)",
            PartyRole.Operator => "1 = 1",
            _ => "1 = 0",
        };
        var rows = await connection.QueryAsync<ConsignmentRow>(new CommandDefinition(
            ConsignmentColumns + $" where {where} order by created_at_ms desc, id desc limit @limit",
            new { party = actor.PartyId, limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToView([], [])).ToList();
    }

    /// <summary>An agency's task queue, oldest first, optionally filtered by status and action.</summary>
    public async Task<IReadOnlyList<AgencyTaskView>> ListTasksAsync(string agencyPartyId, AgencyTaskStatus? status, AgencyActionKind? action, int limit, DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<TaskRow>(new CommandDefinition(
            TaskColumns + " where agency_party_id = @agency and (@status is null or status = @status) and (@action is null or action_kind = @action) order by created_at_ms, id limit @limit",
            new { agency = agencyPartyId, status = status is { } s ? Names.Of(s) : null, action = action is { } a ? Names.Of(a) : null, limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToView()).ToList();
    }

    /// <summary>Whether <paramref name="actor"/> may see <paramref name="consignment"/> (used by the API to answer 404 otherwise).</summary>
    public static bool MaySee(Actor actor, ConsignmentView consignment)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(consignment);
        return actor.Role switch
        {
            PartyRole.Trader => consignment.TraderPartyId == actor.PartyId,
            PartyRole.Broker => consignment.LodgedByPartyId == actor.PartyId,
            PartyRole.Agency or PartyRole.Customs or PartyRole.IssuingAuthority => consignment.Tasks.Any(t => t.AgencyPartyId == actor.PartyId),
            PartyRole.Operator => true,
            _ => false,
        };
    }

    private async Task<Result<string>> ResolveTraderAsync(Actor actor, string? onBehalfOf, DateTimeOffset now, UnitOfWork unit, CancellationToken cancellationToken)
    {
        switch (actor.Role)
        {
            case PartyRole.Trader when onBehalfOf is null || onBehalfOf == actor.PartyId:
                return actor.PartyId;
            case PartyRole.Trader:
                return Failure.Forbidden("consignment.not_a_broker", "A trader lodges only its own consignments.");
            case PartyRole.Broker when onBehalfOf is null:
                return Failure.Validation([new FieldError("traderPartyId", "required", "A broker must name the trader it acts for.")]);
            case PartyRole.Broker:
                return await mandates.IsActiveAsync(actor.PartyId, onBehalfOf, now, unit, cancellationToken).ConfigureAwait(false)
                    ? onBehalfOf
                    : Failure.Forbidden("mandate.missing", $"{actor.PartyId} holds no active mandate from {onBehalfOf}.");
            default:
                return Failure.Forbidden("forbidden", "Only traders and brokers lodge consignments.");
        }
    }

    internal async Task<Result<ConsignmentView>> LoadForTraderAsync(Actor actor, string id, UnitOfWork unit, CancellationToken cancellationToken)
    {
        var consignment = await FindAsync(id, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false);
        if (consignment is null || !(actor.Role is PartyRole.Trader or PartyRole.Broker) || !MaySee(actor, consignment))
        {
            return Failure.NotFound("consignment.not_found", $"Consignment {id} does not exist.");
        }
        if (actor.Role == PartyRole.Broker && !await mandates.IsActiveAsync(actor.PartyId, consignment.TraderPartyId, time.GetUtcNow(), unit, cancellationToken).ConfigureAwait(false))
        {
            return Failure.Forbidden("mandate.missing", $"{actor.PartyId} no longer holds an active mandate from {consignment.TraderPartyId}.");
        }
        return consignment;
    }

    private async Task ReopenAnsweredTasksAsync(Actor actor, ConsignmentView consignment, string message, DateTimeOffset now, UnitOfWork unit, CancellationToken cancellationToken)
    {
        foreach (var task in consignment.Tasks.Where(t => t.Status == AgencyTaskStatus.InformationRequested))
        {
            await unit.Connection.ExecuteAsync(new CommandDefinition(
                "update consignment_tasks set status = 'open', updated_at_ms = @at where id = @id and status = 'information_requested'",
                new { at = now.ToUnixTimeMilliseconds(), id = task.Id }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            await AppendEventAsync(unit, consignment.Id, now, actor.PartyId, "information-provided", message, task.Id, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReleaseAsync(string id, DateTimeOffset now, string reason, UnitOfWork unit, CancellationToken cancellationToken)
    {
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            "update consignments set status = 'released', released_at_ms = @at, updated_at_ms = @at where id = @id",
            new { at = now.ToUnixTimeMilliseconds(), id }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await AppendEventAsync(unit, id, now, "window", "released", reason, null, cancellationToken).ConfigureAwait(false);
        var view = (await FindAsync(id, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false))!;
        foreach (var observer in _observers)
        {
            await observer.OnReleasedAsync(view, unit, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task NotifyAsync(ConsignmentView view, string kind, UnitOfWork unit, CancellationToken cancellationToken)
    {
        foreach (var observer in _observers)
        {
            await observer.OnChangedAsync(view, kind, unit, cancellationToken).ConfigureAwait(false);
        }
    }

    private static Task SetStatusAsync(UnitOfWork unit, string id, ConsignmentStatus status, DateTimeOffset now, CancellationToken cancellationToken) =>
        unit.Connection.ExecuteAsync(new CommandDefinition(
            "update consignments set status = @status, updated_at_ms = @at where id = @id",
            new { status = Names.Of(status), at = now.ToUnixTimeMilliseconds(), id }, unit.Transaction, cancellationToken: cancellationToken));

    private static Task CancelOpenTasksAsync(UnitOfWork unit, string id, DateTimeOffset now, CancellationToken cancellationToken) =>
        unit.Connection.ExecuteAsync(new CommandDefinition(
            "update consignment_tasks set status = 'cancelled', updated_at_ms = @at where consignment_id = @id and status in ('open', 'information_requested')",
            new { at = now.ToUnixTimeMilliseconds(), id }, unit.Transaction, cancellationToken: cancellationToken));

    internal static Task AppendEventAsync(UnitOfWork unit, string id, DateTimeOffset at, string actor, string kind, string? reason, string? taskId, CancellationToken cancellationToken) =>
        unit.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into consignment_events (consignment_id, seq, at_ms, actor, kind, reason, task_id)
            select @id, coalesce(max(seq), 0) + 1, @at, @actor, @kind, @reason, @taskId from consignment_events where consignment_id = @id
            """,
            new { id, at = at.ToUnixTimeMilliseconds(), actor, kind, reason, taskId }, unit.Transaction, cancellationToken: cancellationToken));

    private const string ConsignmentColumns =
        """
        select id as Id, trader_party_id as TraderPartyId, lodged_by_party_id as LodgedByPartyId, status as Status, procedure as Procedure,
               origin_country as OriginCountry, destination_country as DestinationCountry, matrix_version as MatrixVersion,
               created_at_ms as CreatedAtMs, updated_at_ms as UpdatedAtMs, submitted_at_ms as SubmittedAtMs, released_at_ms as ReleasedAtMs,
               declaration_json as DeclarationJson
        from consignments
        """;

    private const string TaskColumns =
        """
        select id as Id, consignment_id as ConsignmentId, action_kind as ActionKind, agency_party_id as AgencyPartyId, status as Status,
               rule_ids as RuleIds, item_numbers as ItemNumbers, reason as Reason, decided_by as DecidedBy, decided_at_ms as DecidedAtMs,
               created_at_ms as CreatedAtMs
        from consignment_tasks
        """;

    private sealed class ConsignmentRow
    {
        public string Id { get; set; } = "";
        public string TraderPartyId { get; set; } = "";
        public string LodgedByPartyId { get; set; } = "";
        public string Status { get; set; } = "";
        public string Procedure { get; set; } = "";
        public string OriginCountry { get; set; } = "";
        public string DestinationCountry { get; set; } = "";
        public long? MatrixVersion { get; set; }
        public long CreatedAtMs { get; set; }
        public long UpdatedAtMs { get; set; }
        public long? SubmittedAtMs { get; set; }
        public long? ReleasedAtMs { get; set; }
        public string DeclarationJson { get; set; } = "";

        public ConsignmentView ToView(IReadOnlyList<AgencyTaskView> tasks, IReadOnlyList<ConsignmentEvent> history)
        {
            using var declaration = JsonDocument.Parse(DeclarationJson);
            return new(Id, TraderPartyId, LodgedByPartyId, Names.ParseConsignmentStatus(Status), Names.ParseProcedure(Procedure), OriginCountry, DestinationCountry,
                MatrixVersion is { } v ? (int)v : null, Ms(CreatedAtMs), Ms(UpdatedAtMs), SubmittedAtMs is { } s ? Ms(s) : null, ReleasedAtMs is { } r ? Ms(r) : null,
                declaration.RootElement.Clone(), tasks, history);
        }
    }

    private sealed class TaskRow
    {
        public string Id { get; set; } = "";
        public string ConsignmentId { get; set; } = "";
        public string ActionKind { get; set; } = "";
        public string AgencyPartyId { get; set; } = "";
        public string Status { get; set; } = "";
        public string RuleIds { get; set; } = "";
        public string ItemNumbers { get; set; } = "";
        public string? Reason { get; set; }
        public string? DecidedBy { get; set; }
        public long? DecidedAtMs { get; set; }
        public long CreatedAtMs { get; set; }

        public AgencyTaskView ToView() => new(Id, ConsignmentId, Names.ParseAction(ActionKind), AgencyPartyId, Names.ParseTaskStatus(Status),
            RuleIds.Split(',', StringSplitOptions.RemoveEmptyEntries),
            ItemNumbers.Split(',', StringSplitOptions.RemoveEmptyEntries).Select(n => int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)).ToList(),
            Reason, DecidedBy, DecidedAtMs is { } d ? Ms(d) : null, Ms(CreatedAtMs));
    }

    private sealed class EventRow
    {
        public long Seq { get; set; }
        public long AtMs { get; set; }
        public string Actor { get; set; } = "";
        public string Kind { get; set; } = "";
        public string? Reason { get; set; }
        public string? TaskId { get; set; }

        public ConsignmentEvent ToEvent() => new((int)Seq, Ms(AtMs), Actor, Kind, Reason, TaskId);
    }

    private static DateTimeOffset Ms(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);
}
