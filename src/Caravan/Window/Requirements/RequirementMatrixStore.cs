using System.Text.Json;
using System.Text.Json.Serialization;
using Caravan.Common;
using Caravan.Storage;
using Dapper;

namespace Caravan.Window.Requirements;

/// <summary>
/// The versioned regulatory-requirements matrix. Every change publishes a whole new version (the previous ones stay,
/// so a consignment can always be explained by the version it was assessed under). The active matrix is the newest
/// version; parsed versions are cached, so assessing costs no database round trip beyond reading the newest number.
/// </summary>
public sealed class RequirementMatrixStore(CaravanDatabase database, TimeProvider time)
{
    public static readonly JsonSerializerOptions Json = CreateJson();

    private readonly Dictionary<int, RequirementMatrix> _cache = [];
    private readonly Lock _lock = new();

    public sealed record MatrixVersion(int Version, DateTimeOffset CreatedAt, string CreatedBy, string? Note, int RuleCount);

    /// <summary>Publishes <paramref name="rules"/> as the next version, after checking them; returns the new version.</summary>
    public async Task<Result<MatrixVersion>> PublishAsync(IReadOnlyList<RequirementRule> rules, string? note, string actor, UnitOfWork unit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(rules);
        ArgumentNullException.ThrowIfNull(unit);
        var errors = RequirementMatrix.Validate(rules);
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }
        var now = time.GetUtcNow();
        var version = await unit.Connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select coalesce(max(version), 0) + 1 from matrix_versions", transaction: unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        await unit.Connection.ExecuteAsync(new CommandDefinition(
            "insert into matrix_versions (version, rules_json, created_at_ms, created_by, note) values (@version, @json, @at, @actor, @note)",
            new { version, json = JsonSerializer.Serialize(rules, Json), at = now.ToUnixTimeMilliseconds(), actor, note },
            unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return new MatrixVersion(version, now, actor, note, rules.Count);
    }

    /// <summary>The newest version, or an empty version 0 when none was published (nothing is required).</summary>
    public async Task<RequirementMatrix> GetActiveAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var version = await connection.ExecuteScalarAsync<int>(new CommandDefinition(
            "select coalesce(max(version), 0) from matrix_versions", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return await GetAsync(version, cancellationToken).ConfigureAwait(false) ?? new RequirementMatrix(0, []);
    }

    public async Task<RequirementMatrix?> GetAsync(int version, CancellationToken cancellationToken)
    {
        if (version == 0)
        {
            return new RequirementMatrix(0, []);
        }
        lock (_lock)
        {
            if (_cache.TryGetValue(version, out var cached))
            {
                return cached;
            }
        }
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var json = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(
            "select rules_json from matrix_versions where version = @version", new { version }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (json is null)
        {
            return null;
        }
        var matrix = new RequirementMatrix(version, JsonSerializer.Deserialize<List<RequirementRule>>(json, Json) ?? []);
        lock (_lock)
        {
            _cache[version] = matrix;
        }
        return matrix;
    }

    public async Task<IReadOnlyList<MatrixVersion>> ListVersionsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(long Version, long CreatedAtMs, string CreatedBy, string? Note, string RulesJson)>(new CommandDefinition(
            "select version, created_at_ms, created_by, note, rules_json from matrix_versions order by version desc", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new MatrixVersion((int)r.Version, DateTimeOffset.FromUnixTimeMilliseconds(r.CreatedAtMs), r.CreatedBy, r.Note,
            JsonSerializer.Deserialize<List<RequirementRule>>(r.RulesJson, Json)?.Count ?? 0)).ToList();
    }

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false));
        return options;
    }
}
