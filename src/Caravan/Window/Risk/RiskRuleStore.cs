using System.Data.Common;
using System.Text.Json;
using Caravan.Common;
using Caravan.Customs.Risk;
using Caravan.Documents.Declarations;
using Caravan.Storage;
using Caravan.Window.Consignments;
using Dapper;

namespace Caravan.Window.Risk;

/// <summary>
/// Versioned risk rule sets. Analysts save a draft (refused whole when a rule does not parse or type-check), replay it
/// on past declarations to see which decisions would change, and activate it; the active set is picked up by every
/// node process at its next evaluation (no restart): the compiled engine is cached per version and the active version
/// is read each time.
/// </summary>
public sealed class RiskRuleStore(TimeProvider time)
{
    private readonly Dictionary<int, RiskEngine> _engines = [];

    public sealed record SaveRequest(IReadOnlyList<RiskRule> Rules, RiskThresholds Thresholds, string? Note);

    public sealed record RuleSet(int Version, string Status, IReadOnlyList<RiskRule> Rules, RiskThresholds Thresholds, string? Note, string CreatedBy, DateTimeOffset CreatedAt, DateTimeOffset? ActivatedAt);

    /// <summary>What a draft would change on past declarations compared with the active set.</summary>
    public sealed record ReplayReport(int DraftVersion, int? ActiveVersion, int ItemsReplayed, IReadOnlyDictionary<string, int> DraftChannels,
        IReadOnlyDictionary<string, int> ActiveChannels, int Changed, IReadOnlyList<ReplayChange> Examples);

    public sealed record ReplayChange(string ConsignmentId, int ItemNumber, string From, string To, IReadOnlyList<string> RulesHit);

    public async Task<Result<RuleSet>> SaveDraftAsync(SaveRequest request, string actor, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(unit);
        if (request.Rules is not { Count: > 0 } || request.Thresholds is null)
        {
            return Failure.Validation([new FieldError("rules", "required", "A rule set has rules and thresholds {yellow, red, randomSelectionRate}.")]);
        }
        var (_, errors) = RiskEngine.Build(0, request.Rules, request.Thresholds);
        if (errors.Count > 0)
        {
            return Failure.Validation("risk.rules_invalid", "The rule set cannot be saved: every rule must parse and type-check.",
                errors.Select(e => new FieldError("rules", "risk.rule_invalid", e)).ToList());
        }
        var now = time.GetUtcNow();
        var version = await unit.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select coalesce(max(version), 0) + 1 from risk_rule_sets", transaction: unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            """
            insert into risk_rule_sets (version, rules_json, thresholds_json, status, note, created_by, created_at_ms)
            values (@version, @rules, @thresholds, 'draft', @note, @actor, @at)
            """,
            new
            {
                version,
                rules = JsonSerializer.Serialize(request.Rules, JsonSerializerOptions.Web),
                thresholds = JsonSerializer.Serialize(request.Thresholds, JsonSerializerOptions.Web),
                note = request.Note,
                actor,
                at = now.ToUnixTimeMilliseconds(),
            }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (await FindAsync(version, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false))!;
    }

    public async Task<Result<RuleSet>> ActivateAsync(int version, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        var set = await FindAsync(version, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false);
        if (set is null)
        {
            return Failure.NotFound("risk.version_not_found", $"Rule set {version} does not exist.");
        }
        if (set.Status != "draft")
        {
            return Failure.Conflict("risk.not_draft", $"Rule set {version} is {set.Status}; only a draft can be activated.");
        }
        var at = time.GetUtcNow().ToUnixTimeMilliseconds();
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            "update risk_rule_sets set status = 'retired' where status = 'active'", transaction: unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            "update risk_rule_sets set status = 'active', activated_at_ms = @at where version = @version and status = 'draft'",
            new { at, version }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (await FindAsync(version, unit.Connection, unit.Transaction, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>The engine of the active set (compiled once per version), or null when none is active.</summary>
    public async Task<RiskEngine?> ActiveEngineAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var version = await connection.ExecuteScalarAsync<int?>(new CommandDefinition(
            "select version from risk_rule_sets where status = 'active'", transaction: transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return version is { } v ? await EngineAsync(v, connection, transaction, cancellationToken).ConfigureAwait(false) : null;
    }

    /// <summary>Replays a draft on the latest lodged declarations and compares it with the active set, item by item.</summary>
    public async Task<Result<ReplayReport>> ReplayAsync(int version, int limit, DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var draft = await EngineAsync(version, connection, null, cancellationToken).ConfigureAwait(false);
        if (draft is null)
        {
            return Failure.NotFound("risk.version_not_found", $"Rule set {version} does not exist.");
        }
        var active = await ActiveEngineAsync(connection, null, cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Id, string TraderPartyId, string Procedure, string OriginCountry, string DestinationCountry, string DeclarationJson)>(new CommandDefinition(
            """
            select id, trader_party_id, procedure, origin_country, destination_country, declaration_json from consignments
            where status <> 'draft' order by created_at_ms desc limit @limit
            """, new { limit }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var draftChannels = new Dictionary<string, int>(StringComparer.Ordinal);
        var activeChannels = new Dictionary<string, int>(StringComparer.Ordinal);
        var examples = new List<ReplayChange>();
        var items = 0;
        var changed = 0;
        foreach (var row in rows)
        {
            if (DeclarationJson.Read(row.DeclarationJson).Document is not { } declaration)
            {
                continue;
            }
            foreach (var item in declaration.Items)
            {
                items++;
                var facts = RiskFactsOf.Item(declaration, item, row.TraderPartyId, row.Procedure);
                var subject = $"{row.Id}/{item.SequenceNumber}";
                var next = draft.Evaluate(facts, subject);
                var before = active?.Evaluate(facts, subject);
                Count(draftChannels, next.Channel);
                if (before is not null)
                {
                    Count(activeChannels, before.Channel);
                }
                if (before is null || before.Channel != next.Channel)
                {
                    changed++;
                    if (examples.Count < 20)
                    {
                        examples.Add(new ReplayChange(row.Id, item.SequenceNumber ?? 0, before?.Channel.ToString().ToLowerInvariant() ?? "(no active set)",
                            next.Channel.ToString().ToLowerInvariant(), next.Hits.Select(h => h.RuleId).ToList()));
                    }
                }
            }
        }
        return new ReplayReport(version, active?.Version, items, draftChannels, activeChannels, changed, examples);
    }

    public async Task<IReadOnlyList<RuleSet>> ListAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<Row>(new CommandDefinition(Columns + " order by version desc", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToSet()).ToList();
    }

    /// <summary>The engine of a rule set version (compiled once), or null when there is no such version.</summary>
    public async Task<RiskEngine?> EngineAsync(int version, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        lock (_engines)
        {
            if (_engines.TryGetValue(version, out var cached))
            {
                return cached;
            }
        }
        var set = await FindAsync(version, connection, transaction, cancellationToken).ConfigureAwait(false);
        if (set is null)
        {
            return null;
        }
        var engine = RiskEngine.Build(version, set.Rules, set.Thresholds).Engine
            ?? throw new InvalidOperationException($"Stored rule set {version} no longer compiles.");
        lock (_engines)
        {
            _engines[version] = engine;
        }
        return engine;
    }

    private static async Task<RuleSet?> FindAsync(int version, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        (await connection.QuerySingleOrDefaultAsync<Row>(new CommandDefinition(Columns + " where version = @version", new { version }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false))?.ToSet();

    private static void Count(Dictionary<string, int> counts, RiskChannel channel)
    {
        var key = channel.ToString().ToLowerInvariant();
        counts[key] = counts.GetValueOrDefault(key) + 1;
    }

    private const string Columns =
        """
        select version as Version, rules_json as RulesJson, thresholds_json as ThresholdsJson, status as Status, note as Note,
               created_by as CreatedBy, created_at_ms as CreatedAtMs, activated_at_ms as ActivatedAtMs
        from risk_rule_sets
        """;

    private sealed class Row
    {
        public long Version { get; set; }
        public string RulesJson { get; set; } = "";
        public string ThresholdsJson { get; set; } = "";
        public string Status { get; set; } = "";
        public string? Note { get; set; }
        public string CreatedBy { get; set; } = "";
        public long CreatedAtMs { get; set; }
        public long? ActivatedAtMs { get; set; }

        public RuleSet ToSet() => new((int)Version, Status,
            JsonSerializer.Deserialize<List<RiskRule>>(RulesJson, JsonSerializerOptions.Web)!,
            JsonSerializer.Deserialize<RiskThresholds>(ThresholdsJson, JsonSerializerOptions.Web)!,
            Note, CreatedBy, DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs), ActivatedAtMs is { } a ? DateTimeOffset.FromUnixTimeMilliseconds(a) : null);
    }
}
