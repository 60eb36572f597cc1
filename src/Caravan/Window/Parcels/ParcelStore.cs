using System.Data.Common;
using Caravan.Parties;
using Caravan.Storage;
using Caravan.Window.Consignments;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Caravan.Window.Parcels;

/// <summary>
/// Stores parcels in bulk and reads them back. On PostgreSQL a batch is one binary COPY; on SQLite one prepared
/// statement runs per parcel in the batch's transaction (<c>on conflict do nothing</c>). Callers check for parcels
/// already stored under the same platform and tracking id first.
/// </summary>
public static class ParcelStore
{
    /// <summary>The stored parcels among the given (platform, tracking id) pairs.</summary>
    public static async Task<IReadOnlyList<ParcelRow>> FindByKeysAsync(UnitOfWork unit, IReadOnlyList<(string Platform, string TrackingId)> keys, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            return [];
        }
        if (unit.Provider == StorageProvider.Postgres)
        {
            var rows = await unit.Connection.QueryAsync<ParcelRow>(new CommandDefinition(
                ParcelRow.Select + " where (platform, tracking_id) in (select * from unnest(@platforms, @trackings))",
                new { platforms = keys.Select(k => k.Platform).ToArray(), trackings = keys.Select(k => k.TrackingId).ToArray() },
                unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
            return rows.AsList();
        }
        var found = new List<ParcelRow>();
        foreach (var group in keys.GroupBy(k => k.Platform))
        {
            foreach (var chunk in group.Select(k => k.TrackingId).Chunk(500))
            {
                found.AddRange(await unit.Connection.QueryAsync<ParcelRow>(new CommandDefinition(
                    ParcelRow.Select + " where platform = @platform and tracking_id in @chunk", new { platform = group.Key, chunk },
                    unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false));
            }
        }
        return found;
    }

    /// <summary>Inserts the parcels; returns the ids actually inserted (a parcel stored meanwhile under the same key is skipped).</summary>
    public static async Task<HashSet<string>> InsertAsync(UnitOfWork unit, IReadOnlyList<ParcelRow> rows, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(rows);
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        if (rows.Count == 0)
        {
            return inserted;
        }
        if (unit.Connection is NpgsqlConnection npgsql)
        {
            // Binary COPY: the fastest way into PostgreSQL. The keys were checked for duplicates first; a parcel stored
            // by a concurrent batch in between makes COPY fail on the unique key, and the caller runs the batch again.
            var importer = await npgsql.BeginBinaryImportAsync($"copy parcels ({ParcelRow.Columns}) from stdin (format binary)", cancellationToken).ConfigureAwait(false);
            await using (importer.ConfigureAwait(false))
            {
                foreach (var row in rows)
                {
                    importer.StartRow();
                    Write(importer, row);
                    inserted.Add(row.Id);
                }
                await importer.CompleteAsync(cancellationToken).ConfigureAwait(false);
            }
            return inserted;
        }
        await using (var insert = unit.CreateCommand(
            $"insert into parcels ({ParcelRow.Columns}) values (" + string.Join(", ", Enumerable.Range(0, ColumnCount).Select(i => $"@p{i}")) +
            ") on conflict (platform, tracking_id) do nothing"))
        {
            var parameters = new DbParameter[ColumnCount];
            for (var i = 0; i < ColumnCount; i++)
            {
                parameters[i] = insert.CreateParameter();
                parameters[i].ParameterName = $"@p{i}";
                insert.Parameters.Add(parameters[i]);
            }
            foreach (var row in rows)
            {
                var values = Values(row);
                for (var i = 0; i < ColumnCount; i++)
                {
                    parameters[i].Value = values[i] ?? DBNull.Value;
                }
                if (await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1)
                {
                    inserted.Add(row.Id);
                }
            }
        }
        return inserted;
    }

    public static async Task<ParcelRow?> FindAsync(string id, DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return await connection.QuerySingleOrDefaultAsync<ParcelRow>(new CommandDefinition(
            ParcelRow.Select + " where id = @id", new { id }, transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }

    public sealed record Filter(string? Platform, string? Decision, string? BatchId, int Limit);

    /// <summary>The latest parcels the actor may see (a parcel operator: those it lodged or is liable for), filtered.</summary>
    public static async Task<IReadOnlyList<ParcelRow>> ListAsync(Actor actor, Filter filter, DbConnection connection, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(connection);
        var rows = await connection.QueryAsync<ParcelRow>(new CommandDefinition(
            ParcelRow.Select + " where (@own = 0 or submitter_party_id = @party or liable_party_id = @party)" +
            " and (@platform is null or platform = @platform) and (@decision is null or decision = @decision) and (@batch is null or batch_id = @batch)" +
            " order by received_at_ms desc, id desc limit @limit",
            new { own = actor.Role == PartyRole.ParcelOperator ? 1 : 0, party = actor.PartyId, platform = filter.Platform, decision = filter.Decision, batch = filter.BatchId, limit = filter.Limit },
            cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.AsList();
    }

    private const int ColumnCount = 39;

    private static object?[] Values(ParcelRow r) =>
    [
        r.Id, r.Platform, r.TrackingId, r.BatchId, r.LineNumber, r.SubmitterPartyId, r.LiablePartyId, r.ReceivedAtMs, r.SaleDate, r.Period, r.Seller, r.Buyer,
        r.Description, r.HsCode, r.HsSuggestion, r.Quantity, r.Value, r.Currency, r.Origin, r.WeightKg, r.Collection, r.CollectionNote, r.Registration,
        r.ValueMinor, r.DutyMinor, r.ExciseMinor, r.TaxMinor, r.ChargeMinor, r.CollectAt, r.ValueBand, r.TariffVersion, r.RiskScore, r.RiskChannel,
        r.RandomSelected, r.RulesVersion, r.RuleHits, r.Decision, r.HoldReason, r.GuaranteeReserved,
    ];

    // Synchronous writes: the importer buffers rows and flushes when its buffer is full, so a row is many cheap calls.
    private static void Write(NpgsqlBinaryImporter w, ParcelRow r)
    {
        w.Write(r.Id, NpgsqlDbType.Text);
        w.Write(r.Platform, NpgsqlDbType.Text);
        w.Write(r.TrackingId, NpgsqlDbType.Text);
        w.Write(r.BatchId, NpgsqlDbType.Text);
        w.Write((int)r.LineNumber, NpgsqlDbType.Integer);
        w.Write(r.SubmitterPartyId, NpgsqlDbType.Text);
        w.Write(r.LiablePartyId, NpgsqlDbType.Text);
        w.Write(r.ReceivedAtMs, NpgsqlDbType.Bigint);
        w.Write(r.SaleDate, NpgsqlDbType.Text);
        w.Write(r.Period, NpgsqlDbType.Text);
        w.Write(r.Seller, NpgsqlDbType.Text);
        w.Write(r.Buyer, NpgsqlDbType.Text);
        w.Write(r.Description, NpgsqlDbType.Text);
        w.Write(r.HsCode, NpgsqlDbType.Text);
        WriteText(w, r.HsSuggestion);
        w.Write(r.Quantity, NpgsqlDbType.Text);
        w.Write(r.Value, NpgsqlDbType.Text);
        w.Write(r.Currency, NpgsqlDbType.Text);
        w.Write(r.Origin, NpgsqlDbType.Text);
        w.Write(r.WeightKg, NpgsqlDbType.Text);
        w.Write(r.Collection, NpgsqlDbType.Text);
        WriteText(w, r.CollectionNote);
        WriteText(w, r.Registration);
        w.Write(r.ValueMinor, NpgsqlDbType.Bigint);
        w.Write(r.DutyMinor, NpgsqlDbType.Bigint);
        w.Write(r.ExciseMinor, NpgsqlDbType.Bigint);
        w.Write(r.TaxMinor, NpgsqlDbType.Bigint);
        w.Write(r.ChargeMinor, NpgsqlDbType.Bigint);
        w.Write(r.CollectAt, NpgsqlDbType.Text);
        w.Write(r.ValueBand, NpgsqlDbType.Text);
        w.Write((int)r.TariffVersion, NpgsqlDbType.Integer);
        w.Write((int)r.RiskScore, NpgsqlDbType.Integer);
        w.Write(r.RiskChannel, NpgsqlDbType.Text);
        w.Write((int)r.RandomSelected, NpgsqlDbType.Integer);
        if (r.RulesVersion is { } version)
        {
            w.Write((int)version, NpgsqlDbType.Integer);
        }
        else
        {
            w.WriteNull();
        }
        WriteText(w, r.RuleHits);
        w.Write(r.Decision, NpgsqlDbType.Text);
        WriteText(w, r.HoldReason);
        w.Write((int)r.GuaranteeReserved, NpgsqlDbType.Integer);
    }

    private static void WriteText(NpgsqlBinaryImporter w, string? value)
    {
        if (value is null)
        {
            w.WriteNull();
        }
        else
        {
            w.Write(value, NpgsqlDbType.Text);
        }
    }

    /// <summary>True when <paramref name="exception"/> is a concurrent batch having stored one of the parcels first (retry the batch).</summary>
    public static bool IsDuplicateParcel(Exception exception) =>
        exception is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "parcels" };
}
