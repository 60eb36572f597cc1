using System.Data.Common;
using Caravan.Common;
using Caravan.Storage;
using Dapper;

namespace Caravan.Parties;

/// <summary>
/// Portal accounts: created by the operator for a party, signed in with a password (hashed with
/// <see cref="AccountPasswords"/>), locked for <see cref="LockoutDuration"/> after <see cref="MaxFailedAttempts"/>
/// consecutive failures, and disabled by the operator. Disabling or re-enabling changes the account's security
/// stamp, which ends its existing sign-in sessions.
/// </summary>
public sealed class AccountStore(CaravanDatabase database, TimeProvider time)
{
    public const int MaxFailedAttempts = 5;
    public static readonly TimeSpan LockoutDuration = TimeSpan.FromMinutes(15);

    /// <summary>Creates an account for an existing party. The password must pass <see cref="AccountPasswords.Check"/>.</summary>
    public async Task<Result<Account>> CreateAsync(string username, string displayName, string partyId, string password, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var errors = new List<FieldError>();
        var normalised = NormaliseUsername(username);
        if (normalised is null)
        {
            errors.Add(new FieldError("username", "account.username_invalid", "username must be 3-64 characters: letters, digits, '.', '_', '-' or '@'."));
        }
        if (string.IsNullOrWhiteSpace(displayName) || displayName.Length > 200)
        {
            errors.Add(new FieldError("displayName", "required", "displayName is required (at most 200 characters)."));
        }
        if (AccountPasswords.Check(password) is { } passwordProblem)
        {
            errors.Add(new FieldError("password", "account.password_weak", passwordProblem));
        }
        if (string.IsNullOrWhiteSpace(partyId))
        {
            errors.Add(new FieldError("partyId", "required", "partyId is required."));
        }
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }
        var connection = transaction.Connection!;
        var party = await connection.ExecuteScalarAsync<string?>(new CommandDefinition(
            "select id from parties where id = @partyId", new { partyId }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (party is null)
        {
            return Failure.Validation([new FieldError("partyId", "party.unknown", $"There is no party '{partyId}'.")]);
        }
        var taken = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from accounts where username = @normalised", new { normalised }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (taken > 0)
        {
            return Failure.Conflict("account.exists", $"An account named '{normalised}' already exists.");
        }
        var now = time.GetUtcNow();
        var id = "acc_" + Guid.CreateVersion7(now).ToString("N");
        await connection.ExecuteAsync(new CommandDefinition(
            """
            insert into accounts (id, username, display_name, party_id, password_hash, failed_attempts, security_stamp, created_at_ms)
            values (@id, @normalised, @displayName, @partyId, @hash, 0, @stamp, @at)
            """,
            new { id, normalised, displayName = displayName.Trim(), partyId, hash = AccountPasswords.Hash(password), stamp = NewStamp(), at = now.ToUnixTimeMilliseconds() },
            transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return (await FindAsync(id, connection, transaction, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>
    /// Checks a username and password. A locked account refuses every password until the lockout ends (without
    /// extending it); an unknown username costs the same hashing work as a known one.
    /// </summary>
    public async Task<AccountSignInResult> SignInAsync(string username, string password, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(password);
        var normalised = NormaliseUsername(username);
        var row = normalised is null
            ? null
            : await database.ReadAsync((c, ct) => c.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
                Columns + " where a.username = @normalised", new { normalised }, cancellationToken: ct)), cancellationToken).ConfigureAwait(false);
        if (row is null || password.Length > AccountPasswords.MaximumLength)
        {
            AccountPasswords.Verify(password.Length > AccountPasswords.MaximumLength ? "" : password, AccountPasswords.DummyHash);
            return new AccountSignInResult(AccountSignInOutcome.InvalidCredentials, null);
        }
        var now = time.GetUtcNow();
        if (row.DisabledAtMs is not null)
        {
            return new AccountSignInResult(AccountSignInOutcome.Disabled, null);
        }
        if (row.LockedUntilMs is { } locked && locked > now.ToUnixTimeMilliseconds())
        {
            return new AccountSignInResult(AccountSignInOutcome.LockedOut, null, DateTimeOffset.FromUnixTimeMilliseconds(locked));
        }
        if (!AccountPasswords.Verify(password, row.PasswordHash))
        {
            var lockedUntil = await database.InTransactionAsync((unit, ct) => unit.Connection.ExecuteScalarAsync<long?>(new CommandDefinition(
                """
                update accounts
                set locked_until_ms = case when failed_attempts + 1 >= @max then @until else locked_until_ms end,
                    failed_attempts = case when failed_attempts + 1 >= @max then 0 else failed_attempts + 1 end
                where id = @id
                returning locked_until_ms
                """,
                new { id = row.Id, max = MaxFailedAttempts, until = (now + LockoutDuration).ToUnixTimeMilliseconds() }, unit.Transaction, cancellationToken: ct)), cancellationToken).ConfigureAwait(false);
            return lockedUntil is { } l && l > now.ToUnixTimeMilliseconds()
                ? new AccountSignInResult(AccountSignInOutcome.LockedOut, null, DateTimeOffset.FromUnixTimeMilliseconds(l))
                : new AccountSignInResult(AccountSignInOutcome.InvalidCredentials, null);
        }
        await database.InTransactionAsync((unit, ct) => unit.Connection.ExecuteAsync(new CommandDefinition(
            "update accounts set failed_attempts = 0, locked_until_ms = null, last_sign_in_ms = @at where id = @id",
            new { id = row.Id, at = now.ToUnixTimeMilliseconds() }, unit.Transaction, cancellationToken: ct)), cancellationToken).ConfigureAwait(false);
        return new AccountSignInResult(AccountSignInOutcome.SignedIn, row.ToAccount() with { LastSignInAt = now, LockedUntil = null });
    }

    public Task<Account?> FindAsync(string id, CancellationToken cancellationToken) =>
        database.ReadAsync((c, ct) => FindAsync(id, c, null, ct), cancellationToken);

    public async Task<Account?> FindAsync(string id, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            Columns + " where a.id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToAccount();
    }

    public Task<IReadOnlyList<Account>> ListAsync(CancellationToken cancellationToken) =>
        database.ReadAsync<IReadOnlyList<Account>>(async (c, ct) =>
            (await c.QueryAsync<AccountRow>(new CommandDefinition(Columns + " order by a.username", cancellationToken: ct)).ConfigureAwait(false))
                .Select(r => r.ToAccount()).ToList(), cancellationToken);

    /// <summary>Disables or re-enables an account; either way its sessions end (new security stamp) and a lockout is lifted.</summary>
    public async Task<Result<Account>> SetDisabledAsync(string id, bool disabled, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var changed = await transaction.Connection!.ExecuteAsync(new CommandDefinition(
            "update accounts set disabled_at_ms = @at, security_stamp = @stamp, failed_attempts = 0, locked_until_ms = null where id = @id",
            new { id, at = disabled ? time.GetUtcNow().ToUnixTimeMilliseconds() : (long?)null, stamp = NewStamp() }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return changed == 0
            ? Failure.NotFound("account.not_found", $"Account {id} does not exist.")
            : (await FindAsync(id, transaction.Connection!, transaction, cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Lower-case username, or null when it is not 3-64 of letters, digits, '.', '_', '-', '@'.</summary>
    public static string? NormaliseUsername(string? username)
    {
        var value = username?.Trim().ToLowerInvariant();
        return value is { Length: >= 3 and <= 64 } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' or '-' or '@')
            ? value
            : null;
    }

    private static string NewStamp() => Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(16));

    private const string Columns =
        """
        select a.id as Id, a.username as Username, a.display_name as DisplayName, a.party_id as PartyId, p.name as PartyName,
               p.role as Role, a.password_hash as PasswordHash, a.locked_until_ms as LockedUntilMs, a.disabled_at_ms as DisabledAtMs,
               a.security_stamp as SecurityStamp, a.created_at_ms as CreatedAtMs, a.last_sign_in_ms as LastSignInMs
        from accounts a join parties p on p.id = a.party_id
        """;

    private sealed class AccountRow
    {
        public string Id { get; set; } = "";
        public string Username { get; set; } = "";
        public string DisplayName { get; set; } = "";
        public string PartyId { get; set; } = "";
        public string PartyName { get; set; } = "";
        public string Role { get; set; } = "";
        public string PasswordHash { get; set; } = "";
        public long? LockedUntilMs { get; set; }
        public long? DisabledAtMs { get; set; }
        public string SecurityStamp { get; set; } = "";
        public long CreatedAtMs { get; set; }
        public long? LastSignInMs { get; set; }

        public Account ToAccount() => new(Id, Username, DisplayName, PartyId, PartyName,
            PartyRoleNames.TryParse(Role, out var role) ? role : throw new InvalidOperationException($"Account '{Id}' belongs to a party with unknown role '{Role}'."),
            DateTimeOffset.FromUnixTimeMilliseconds(CreatedAtMs),
            LastSignInMs is { } s ? DateTimeOffset.FromUnixTimeMilliseconds(s) : null,
            LockedUntilMs is { } l ? DateTimeOffset.FromUnixTimeMilliseconds(l) : null,
            DisabledAtMs is not null,
            SecurityStamp);
    }
}
