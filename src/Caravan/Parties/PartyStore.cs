using System.Collections.Concurrent;
using System.Data.Common;
using Caravan.Common;
using Caravan.Storage;
using Dapper;

namespace Caravan.Parties;

/// <summary>
/// Parties and their API tokens. Token lookups are cached for a short time (<see cref="CacheLifetime"/>), so a
/// revoked token stops working within that time on every node process.
/// </summary>
public sealed class PartyStore(CaravanDatabase database, TimeProvider time)
{
    public static readonly TimeSpan CacheLifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<string, (Party? Party, DateTimeOffset Until)> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates a party and its first token; returns the token in clear text, which is never stored.</summary>
    public async Task<Result<(Party Party, string Token)>> CreateAsync(string id, string name, PartyRole role, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(id) || id.Length > 64 || !id.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'))
        {
            errors.Add(new FieldError("id", "party.id_invalid", "id must be 1-64 letters, digits, '-', '_' or '.'."));
        }
        if (string.IsNullOrWhiteSpace(name) || name.Length > 200)
        {
            errors.Add(new FieldError("name", "required", "name is required (at most 200 characters)."));
        }
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }
        var connection = transaction.Connection!;
        var exists = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from parties where id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (exists > 0)
        {
            return Failure.Conflict("party.exists", $"A party with id '{id}' already exists.");
        }
        var now = time.GetUtcNow();
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into parties (id, name, role, created_at_ms) values (@id, @name, @role, @at)",
            new { id, name, role = role.ToName(), at = now.ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var token = await IssueTokenAsync(id, transaction, cancellationToken).ConfigureAwait(false);
        return (new Party(id, name, role, now), token);
    }

    /// <summary>Adds a new token for an existing party (rotation); the old ones stay valid until revoked.</summary>
    public async Task<string> IssueTokenAsync(string partyId, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var token = ApiTokens.NewToken();
        await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "insert into api_tokens (token_hash, party_id, created_at_ms) values (@hash, @partyId, @at)",
            new { hash = ApiTokens.Hash(token), partyId, at = time.GetUtcNow().ToUnixTimeMilliseconds() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return token;
    }

    public async Task<Party?> FindByTokenHashAsync(string tokenHash, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(tokenHash, out var cached) && cached.Until > now)
        {
            return cached.Party;
        }
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<PartyRow>(new CommandDefinition(
            """
            select p.id as Id, p.name as Name, p.role as Role, p.created_at_ms as CreatedAtMs
            from api_tokens t join parties p on p.id = t.party_id
            where t.token_hash = @tokenHash and t.revoked_at_ms is null
            """,
            new { tokenHash }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        var party = row?.ToParty();
        if (party is not null)
        {
            // Only known tokens are cached: caching misses would let a stream of made-up tokens grow the cache.
            _cache[tokenHash] = (party, now + CacheLifetime);
        }
        return party;
    }

    public async Task<Party?> FindAsync(string id, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<PartyRow>(new CommandDefinition(
            "select id as Id, name as Name, role as Role, created_at_ms as CreatedAtMs from parties where id = @id",
            new { id }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToParty();
    }

    public async Task<IReadOnlyList<Party>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<PartyRow>(new CommandDefinition(
            "select id as Id, name as Name, role as Role, created_at_ms as CreatedAtMs from parties order by id",
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => r.ToParty()).ToList();
    }

    private sealed class PartyRow
    {
        public string Id { get; set; } = "";
        public string Name { get; set; } = "";
        public string Role { get; set; } = "";
        public long CreatedAtMs { get; set; }

        public Party ToParty() => new(Id, Name,
            PartyRoleNames.TryParse(Role, out var role) ? role : throw new InvalidOperationException($"Party '{Id}' has an unknown role '{Role}'."),
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs));
    }
}
