using System.Data.Common;
using System.Text.Json;
using Caravan.Storage;

namespace Caravan.Exchange.Audit;

/// <summary>
/// The node's append-only, hash-chained audit log. Each append, in the caller's transaction, locks the chain-head
/// row (<c>SELECT ... FOR UPDATE</c> inside a single statement on PostgreSQL; SQLite writers are already serialised), so that node processes
/// sharing one database never fork the chain: seq is gap-free and each entry's prev_hash is the hash of the entry
/// before it. The head row also records the newest seq and hash, which makes deleting the newest entries detectable.
/// The head lock is held until the caller commits, so append the audit entry last in a unit of work.
/// High-volume paths use <see cref="EnqueueAsync"/> instead: the entry is written in the caller's transaction to a
/// pending table without the lock (so concurrent transactions commit in parallel), and <see cref="ChainPendingAsync"/>
/// appends pending entries to the chain in order, in batches, right after (a background loop runs it, and every
/// read and verification runs it first).
/// </summary>
public sealed class AuditLog
{
    private const string Columns = "seq, at, actor, kind, message_id, subject, details, prev_hash, hash";

    private readonly CaravanDatabase _database;

    public AuditLog(CaravanDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>Appends <paramref name="entry"/> in the caller's transaction and returns it as chained.</summary>
    public async Task<AuditRecord> AppendAsync(UnitOfWork unit, AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        Validate(entry);
        var at = SqlDialect.Truncate(entry.At);
        var body = AuditHasher.EncodeBody(at, entry.Actor, entry.Kind, entry.MessageId, entry.Subject, entry.DetailsJson);
        var (seq, prevHash, hash) = unit.Provider == StorageProvider.Postgres
            ? await AppendPostgresAsync(unit, entry, at, body, cancellationToken).ConfigureAwait(false)
            : await AppendLockedAsync(unit, entry, at, body, cancellationToken).ConfigureAwait(false);
        return new AuditRecord(
            seq, at, entry.Actor, entry.Kind, entry.MessageId, entry.Subject, entry.DetailsJson,
            Convert.ToHexStringLower(prevHash), Convert.ToHexStringLower(hash));
    }

    /// <summary>
    /// Appends <paramref name="entries"/> to the chain, in order, in the caller's transaction: the head is locked once,
    /// the rows go in as one batch and the head moves once. For a writer that records many entries per transaction
    /// (the delivery worker settling a group of sends), this costs less than queueing each one through the pending
    /// table. The head lock is held until the caller commits, so call this last in the unit of work.
    /// </summary>
    public async Task AppendManyAsync(UnitOfWork unit, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }
        foreach (var entry in entries)
        {
            Validate(entry);
        }
        var head = await ReadHeadForUpdateAsync(unit, cancellationToken).ConfigureAwait(false);
        await AppendBatchAsync(unit, head, entries, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Set after a transaction that enqueued entries commits; the chaining loop waits on it.</summary>
    public SemaphoreSlim PendingSignal { get; } = new(0, 1);

    /// <summary>
    /// Records <paramref name="entry"/> in the caller's transaction without locking the chain head; it joins the chain
    /// at the next <see cref="ChainPendingAsync"/>. The entries a unit of work enqueues are written to the pending
    /// table together, in one statement just before it commits (a group commit of many received messages writes all
    /// their entries at once).
    /// </summary>
    public Task EnqueueAsync(UnitOfWork unit, AuditEntry entry, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        Validate(entry);
        unit.State(this, NewPendingBuffer).Add(entry);
        return Task.CompletedTask;
    }

    private List<AuditEntry> NewPendingBuffer(UnitOfWork unit)
    {
        var buffer = new List<AuditEntry>();
        unit.OnBeforeCommit(ct => InsertPendingAsync(unit, buffer, ct));
        unit.OnCommitted(() =>
        {
            if (PendingSignal.CurrentCount == 0)
            {
                try
                {
                    PendingSignal.Release();
                }
                catch (SemaphoreFullException)
                {
                    // Already signalled.
                }
            }
        });
        return buffer;
    }

    private static async Task InsertPendingAsync(UnitOfWork unit, List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        if (unit.Provider == StorageProvider.Postgres && entries.Count > 1)
        {
            // One statement text whatever the count, in the order enqueued (the pending id orders the chain).
            using var insert = unit.CreateCommand("""
                INSERT INTO audit_pending (at, actor, kind, message_id, subject, details)
                SELECT at, actor, kind, message_id, subject, details
                FROM unnest(@at::timestamptz[], @actor::text[], @kind::text[], @message_id::text[], @subject::text[], @details::text[])
                     WITH ORDINALITY AS e(at, actor, kind, message_id, subject, details, n)
                ORDER BY n
                """);
            insert.With("at", entries.ConvertAll(e => SqlDialect.Truncate(e.At)).ToArray())
                .With("actor", entries.ConvertAll(e => e.Actor).ToArray())
                .With("kind", entries.ConvertAll(e => e.Kind).ToArray())
                .With("message_id", entries.ConvertAll(e => e.MessageId).ToArray())
                .With("subject", entries.ConvertAll(e => e.Subject).ToArray())
                .With("details", entries.ConvertAll(e => e.DetailsJson).ToArray());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return;
        }
        foreach (var entry in entries)
        {
            using var command = unit.CreateCommand("INSERT INTO audit_pending (at, actor, kind, message_id, subject, details) VALUES (@at, @actor, @kind, @message_id, @subject, @details)");
            BindEntry(command, unit.Dialect, entry, SqlDialect.Truncate(entry.At));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Appends every committed pending entry to the chain, oldest first, a batch per transaction. Several processes may
    /// run this at once: a second chainer waits for the first's lock on the chain head (it does not skip its rows), so when
    /// this returns every entry committed before the call is in the chain, and a read that follows sees it. Returns how many entries this
    /// call chained.
    /// </summary>
    public async Task<int> ChainPendingAsync(CancellationToken cancellationToken)
    {
        const int BatchSize = 500;
        var total = 0;
        while (true)
        {
            var chained = await _database.InTransactionAsync(async (unit, ct) =>
            {
                // The head lock first: it serialises chainers (processes included), so the pending rows need no row
                // locks of their own (a row lock is a WAL record per entry); the next statement's snapshot, taken once
                // the lock is held, sees everything an earlier chainer left. Then the batch is taken out of the pending
                // table and read in one statement.
                var head = await ReadHeadForUpdateAsync(unit, ct).ConfigureAwait(false);
                var pending = new List<(long Id, AuditEntry Entry)>();
                using (var take = unit.CreateCommand(
                    $"DELETE FROM audit_pending WHERE id IN (SELECT id FROM audit_pending ORDER BY id LIMIT {BatchSize}) RETURNING id, at, actor, kind, message_id, subject, details"))
                {
                    var reader = await take.ExecuteReaderAsync(ct).ConfigureAwait(false);
                    await using (reader.ConfigureAwait(false))
                    {
                        while (await reader.ReadAsync(ct).ConfigureAwait(false))
                        {
                            pending.Add((reader.GetInt64(0), new AuditEntry
                            {
                                At = unit.Dialect.ReadTime(reader, 1),
                                Actor = reader.GetString(2),
                                Kind = reader.GetString(3),
                                MessageId = reader.IsDBNull(4) ? null : reader.GetString(4),
                                Subject = reader.IsDBNull(5) ? null : reader.GetString(5),
                                DetailsJson = reader.IsDBNull(6) ? null : reader.GetString(6),
                            }));
                        }
                    }
                }
                if (pending.Count > 0)
                {
                    // RETURNING gives no order: the chain takes the entries in the order they were recorded.
                    pending.Sort(static (a, b) => a.Id.CompareTo(b.Id));
                    await AppendBatchAsync(unit, head, pending.ConvertAll(p => p.Entry), ct).ConfigureAwait(false);
                }
                return pending.Count;
            }, cancellationToken).ConfigureAwait(false);
            total += chained;
            if (chained < BatchSize)
            {
                return total;
            }
        }
    }

    /// <summary>The number of entries not yet chained.</summary>
    public Task<long> PendingCountAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(async (connection, ct) =>
        {
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM audit_pending";
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
        }, cancellationToken);

    /// <summary>The chain head as recorded in the head row.</summary>
    public Task<AuditChainHead> GetHeadAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync(
            async (connection, ct) =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT seq, hash FROM audit_chain_head WHERE id = 1";
                var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        throw new InvalidOperationException("The audit chain head row is missing.");
                    }
                    return new AuditChainHead(reader.GetInt64(0), Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(1)));
                }
            },
            cancellationToken);

    /// <summary>Entries with seq above <paramref name="afterSeq"/>, in order, at most <paramref name="limit"/> (pending entries are chained first).</summary>
    public async Task<IReadOnlyList<AuditRecord>> ReadAsync(long afterSeq, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await ChainPendingAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync($"SELECT {Columns} FROM audit_log WHERE seq > @key ORDER BY seq LIMIT {limit}", afterSeq, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every entry about one message id, in order (pending entries are chained first).</summary>
    public async Task<IReadOnlyList<AuditRecord>> ListForMessageAsync(string messageId, CancellationToken cancellationToken)
    {
        await ChainPendingAsync(cancellationToken).ConfigureAwait(false);
        return await QueryAsync($"SELECT {Columns} FROM audit_log WHERE message_id = @key ORDER BY seq", messageId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Appends a batch of entries (the chainer's) in the caller's transaction, after the head it read under lock: the
    /// hashes computed here, the rows inserted in one statement (PostgreSQL) or a few hundred per statement (SQLite),
    /// and the head moved once. The same chain, seq and hashes as appending them one by one.
    /// </summary>
    private static async Task AppendBatchAsync(UnitOfWork unit, (long Seq, byte[] Hash) head, IReadOnlyList<AuditEntry> entries, CancellationToken cancellationToken)
    {
        var (seq, hash) = head;
        var rows = new List<(long Seq, DateTimeOffset At, AuditEntry Entry, byte[] Prev, byte[] Hash)>(entries.Count);
        foreach (var entry in entries)
        {
            var at = SqlDialect.Truncate(entry.At);
            var previous = hash;
            seq++;
            hash = AuditHasher.Compute(seq, AuditHasher.EncodeBody(at, entry.Actor, entry.Kind, entry.MessageId, entry.Subject, entry.DetailsJson), previous);
            rows.Add((seq, at, entry, previous, hash));
        }
        if (unit.Provider == StorageProvider.Postgres)
        {
            // One statement text whatever the batch size (columns as arrays), so it is prepared once and stays prepared;
            // a VALUES list per batch size was a new statement to parse and plan for most batches.
            using var insert = unit.CreateCommand($"""
                INSERT INTO audit_log ({Columns})
                SELECT * FROM unnest(@seq::bigint[], @at::timestamptz[], @actor::text[], @kind::text[], @message_id::text[],
                                     @subject::text[], @details::text[], @prev::bytea[], @hash::bytea[])
                """);
            insert.With("seq", rows.ConvertAll(r => r.Seq).ToArray())
                .With("at", rows.ConvertAll(r => r.At).ToArray())
                .With("actor", rows.ConvertAll(r => r.Entry.Actor).ToArray())
                .With("kind", rows.ConvertAll(r => r.Entry.Kind).ToArray())
                .With("message_id", rows.ConvertAll(r => r.Entry.MessageId).ToArray())
                .With("subject", rows.ConvertAll(r => r.Entry.Subject).ToArray())
                .With("details", rows.ConvertAll(r => r.Entry.DetailsJson).ToArray())
                .With("prev", rows.ConvertAll(r => r.Prev).ToArray())
                .With("hash", rows.ConvertAll(r => r.Hash).ToArray());
            await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        else
        {
            const int RowsPerStatement = 250;
            for (var start = 0; start < rows.Count; start += RowsPerStatement)
            {
                var count = Math.Min(RowsPerStatement, rows.Count - start);
                using var insert = unit.CreateCommand("");
                var sql = new System.Text.StringBuilder($"INSERT INTO audit_log ({Columns}) VALUES ");
                for (var i = 0; i < count; i++)
                {
                    var row = rows[start + i];
                    var n = i.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    sql.Append(i == 0 ? "" : ", ")
                        .Append($"(@seq{n}, @at{n}, @actor{n}, @kind{n}, @message_id{n}, @subject{n}, @details{n}, @prev{n}, @hash{n})");
                    BindEntry(insert, unit.Dialect, row.Entry, row.At, n).With("seq" + n, row.Seq).With("prev" + n, row.Prev).With("hash" + n, row.Hash);
                }
                insert.CommandText = sql.ToString();
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        using var move = unit.CreateCommand("UPDATE audit_chain_head SET seq = @seq, hash = @hash WHERE id = 1");
        move.With("seq", seq).With("hash", hash);
        await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// PostgreSQL: one statement locks the head row, hashes (server-side <c>sha256</c> over the same canonical
    /// encoding, the entry's own fields pre-encoded here), inserts and moves the head, so the head lock is held for
    /// one round trip plus the commit.
    /// </summary>
    private static async Task<(long Seq, byte[] PrevHash, byte[] Hash)> AppendPostgresAsync(
        UnitOfWork unit, AuditEntry entry, DateTimeOffset at, byte[] body, CancellationToken cancellationToken)
    {
        using var command = unit.CreateCommand($"""
            WITH head AS (
                SELECT seq + 1 AS seq, hash AS prev FROM audit_chain_head WHERE id = 1 FOR UPDATE
            ), chained AS (
                SELECT seq, prev, sha256(@tag || int8send(seq) || @body || prev) AS hash FROM head
            ), inserted AS (
                INSERT INTO audit_log ({Columns})
                SELECT seq, @at, @actor, @kind, @message_id, @subject, @details, prev, hash FROM chained
                RETURNING seq, prev_hash, hash
            )
            UPDATE audit_chain_head AS h SET seq = inserted.seq, hash = inserted.hash
            FROM inserted WHERE h.id = 1
            RETURNING inserted.seq, inserted.prev_hash, inserted.hash
            """);
        BindEntry(command, unit.Dialect, entry, at).With("tag", AuditHasher.VersionTag.ToArray()).With("body", body);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("The audit chain head row is missing; the database was not migrated or was tampered with.");
            }
            return (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1), reader.GetFieldValue<byte[]>(2));
        }
    }

    /// <summary>SQLite (writers already serialised): read the head, hash here, insert and move the head.</summary>
    private static async Task<(long Seq, byte[] PrevHash, byte[] Hash)> AppendLockedAsync(
        UnitOfWork unit, AuditEntry entry, DateTimeOffset at, byte[] body, CancellationToken cancellationToken)
    {
        var (headSeq, headHash) = await ReadHeadForUpdateAsync(unit, cancellationToken).ConfigureAwait(false);
        var seq = headSeq + 1;
        var hash = AuditHasher.Compute(seq, body, headHash);
        using var insert = unit.CreateCommand($"""
            INSERT INTO audit_log ({Columns})
            VALUES (@seq, @at, @actor, @kind, @message_id, @subject, @details, @prev_hash, @hash);
            UPDATE audit_chain_head SET seq = @seq, hash = @hash WHERE id = 1;
            """);
        BindEntry(insert, unit.Dialect, entry, at).With("seq", seq).With("prev_hash", headHash).With("hash", hash);
        await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return (seq, headHash, hash);
    }

    /// <summary>The chain head (seq, hash), locked for the caller's transaction on PostgreSQL (SQLite writers are serialised).</summary>
    private static async Task<(long Seq, byte[] Hash)> ReadHeadForUpdateAsync(UnitOfWork unit, CancellationToken cancellationToken)
    {
        using var head = unit.CreateCommand($"SELECT seq, hash FROM audit_chain_head WHERE id = 1{unit.Dialect.ForUpdate}");
        var reader = await head.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                throw new InvalidOperationException("The audit chain head row is missing; the database was not migrated or was tampered with.");
            }
            return (reader.GetInt64(0), reader.GetFieldValue<byte[]>(1));
        }
    }

    /// <summary>Binds an entry's own fields; <paramref name="suffix"/> tells apart the rows of a multi-row insert.</summary>
    private static DbCommand BindEntry(DbCommand command, SqlDialect dialect, AuditEntry entry, DateTimeOffset at, string suffix = "") =>
        command.With("at" + suffix, dialect.ToDbTime(at))
            .With("actor" + suffix, entry.Actor)
            .With("kind" + suffix, entry.Kind)
            .With("message_id" + suffix, entry.MessageId)
            .With("subject" + suffix, entry.Subject)
            .With("details" + suffix, entry.DetailsJson);

    internal static AuditRecord ReadRecord(DbDataReader reader, SqlDialect dialect) => new(
        reader.GetInt64(0),
        dialect.ReadTime(reader, 1),
        reader.GetString(2),
        reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.IsDBNull(5) ? null : reader.GetString(5),
        reader.IsDBNull(6) ? null : reader.GetString(6),
        Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(7)),
        Convert.ToHexStringLower(reader.GetFieldValue<byte[]>(8)));

    private Task<IReadOnlyList<AuditRecord>> QueryAsync(string sql, object key, CancellationToken cancellationToken) =>
        _database.ReadAsync<IReadOnlyList<AuditRecord>>(
            async (connection, ct) =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = sql;
                command.With("key", key);
                var records = new List<AuditRecord>();
                var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    while (await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        records.Add(ReadRecord(reader, _database.Dialect));
                    }
                }
                return records;
            },
            cancellationToken);

    /// <summary>What every entry needs before it is written, whichever way it joins the chain.</summary>
    private static void Validate(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Actor);
        ArgumentException.ThrowIfNullOrWhiteSpace(entry.Kind);
        if (entry.DetailsJson is not null)
        {
            EnsureJson(entry.DetailsJson);
        }
    }

    private static void EnsureJson(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
        }
        catch (JsonException e)
        {
            throw new ArgumentException("AuditEntry.DetailsJson must be valid JSON.", nameof(json), e);
        }
    }
}
