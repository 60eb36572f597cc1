using Caravan.Common;
using Caravan.Storage;
using Dapper;
using System.Data.Common;

namespace Caravan.Trust;

/// <summary>
/// The operator's revocation list, persisted, and mirrored into the in-memory <see cref="TrustList"/>. Other node
/// processes on the same database pick changes up through <see cref="RefreshAsync"/>, which a background loop calls.
/// </summary>
public sealed class RevocationStore(CaravanDatabase database, TrustList trustList, TimeProvider time)
{
    public sealed record Revocation(string Serial, string Reason, DateTimeOffset RevokedAt, string RevokedBy);

    public async Task<Result<Revocation>> RevokeAsync(string serial, string reason, string revokedBy, DbTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(transaction);
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(serial) || !serial.Where(c => c is not (':' or ' ')).All(Uri.IsHexDigit) || serial.Length > 200)
        {
            errors.Add(new FieldError("serial", "serial.invalid", "serial must be the certificate's serial number in hex."));
        }
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 500)
        {
            errors.Add(new FieldError("reason", "required", "reason is required (at most 500 characters)."));
        }
        if (errors.Count > 0)
        {
            return Failure.Validation(errors);
        }
        var normalised = TrustList.NormaliseSerial(serial);
        var now = time.GetUtcNow();
        var connection = transaction.Connection!;
        var existing = await connection.ExecuteScalarAsync<long>(new CommandDefinition(
            "select count(*) from trust_revocations where serial = @normalised", new { normalised }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (existing > 0)
        {
            return Failure.Conflict("revocation.exists", $"Serial {normalised} is already revoked.");
        }
        await connection.ExecuteAsync(new CommandDefinition(
            "insert into trust_revocations (serial, reason, revoked_at_ms, revoked_by) values (@normalised, @reason, @at, @revokedBy)",
            new { normalised, reason, at = now.ToUnixTimeMilliseconds(), revokedBy }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
        trustList.SetRevokedSerials(trustList.RevokedSerials.Append(normalised));
        return new Revocation(normalised, reason, now, revokedBy);
    }

    public async Task<IReadOnlyList<Revocation>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Serial, string Reason, long RevokedAtMs, string RevokedBy)>(new CommandDefinition(
            "select serial, reason, revoked_at_ms, revoked_by from trust_revocations order by revoked_at_ms", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new Revocation(r.Serial, r.Reason, DateTimeOffset.FromUnixTimeMilliseconds(r.RevokedAtMs), r.RevokedBy)).ToList();
    }

    /// <summary>Reloads the persisted list into the trust list (start-up, and periodically for multi-process nodes).</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var revocations = await ListAsync(cancellationToken).ConfigureAwait(false);
        trustList.SetRevokedSerials(revocations.Select(r => r.Serial));
    }
}
