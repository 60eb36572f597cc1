using System.Data.Common;
using Caravan.Parties;
using Caravan.Storage;
using Caravan.Window.Consignments;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace Caravan.Window.Parcels;

/// <summary>
/// Stores parcels in bulk and reads them back. On PostgreSQL a batch is one statement (the columns sent as arrays and
/// unnested); on SQLite one prepared statement runs per parcel in the batch's transaction. Either way a parcel already
/// stored under the same platform and tracking id is left as it is (<c>on conflict do nothing</c>).
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
        if (unit.Connection is NpgsqlConnection)
        {
            await using var command = (NpgsqlCommand)unit.CreateCommand(
                $"insert into parcels ({ParcelRow.Columns}) select * from unnest(" +
                string.Join(", ", Enumerable.Range(0, ColumnCount).Select(i => $"${i + 1}")) +
                ") on conflict (platform, tracking_id) do nothing returning id");
            AddArrays(command, rows);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                inserted.Add(reader.GetString(0));
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

    private static void AddArrays(NpgsqlCommand command, IReadOnlyList<ParcelRow> rows)
    {
        var count = rows.Count;
        var columns = new object?[ColumnCount][];
        for (var c = 0; c < ColumnCount; c++)
        {
            columns[c] = new object?[count];
        }
        for (var r = 0; r < count; r++)
        {
            var values = Values(rows[r]);
            for (var c = 0; c < ColumnCount; c++)
            {
                columns[c][r] = values[c];
            }
        }
        for (var c = 0; c < ColumnCount; c++)
        {
            var isNumber = c is 4 or 7 or 23 or 24 or 25 or 26 or 27 or 30 or 31 or 33 or 34 or 38;
            if (isNumber)
            {
                var longs = new long?[count];
                for (var r = 0; r < count; r++)
                {
                    longs[r] = columns[c][r] is null ? null : Convert.ToInt64(columns[c][r], System.Globalization.CultureInfo.InvariantCulture);
                }
                command.Parameters.Add(new NpgsqlParameter { Value = longs, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Bigint });
            }
            else
            {
                var texts = new string?[count];
                for (var r = 0; r < count; r++)
                {
                    texts[r] = (string?)columns[c][r];
                }
                command.Parameters.Add(new NpgsqlParameter { Value = texts, NpgsqlDbType = NpgsqlDbType.Array | NpgsqlDbType.Text });
            }
        }
    }
}
