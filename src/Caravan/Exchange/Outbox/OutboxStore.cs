using System.Data.Common;
using Caravan.Storage;

namespace Caravan.Exchange.Outbox;

/// <summary>
/// The durable outbox. Messages are enqueued in the caller's transaction; delivery workers claim due messages in
/// batches under a lease (PostgreSQL: <c>FOR UPDATE SKIP LOCKED</c>, so concurrent workers and processes never get
/// the same row; SQLite: under the single-writer lock). A message whose lease expires (its worker crashed between
/// claiming and settling it) becomes due again, so nothing is lost; the receiver's duplicate elimination absorbs
/// the possible second copy.
/// </summary>
public sealed class OutboxStore
{
    private const int MaxErrorLength = 4000;

    private const string Columns =
        "id, message_id, partner, service, action, conversation_id, ref_to_message_id, payload, payload_content_type, " +
        "created_at, status, attempts, next_attempt_at, last_error, claimed_by, claimed_until, delivered_at, receipt, length(payload)";

    private const string ColumnsWithoutPayload =
        "id, message_id, partner, service, action, conversation_id, ref_to_message_id, NULL, payload_content_type, " +
        "created_at, status, attempts, next_attempt_at, last_error, claimed_by, claimed_until, delivered_at, receipt, length(payload)";

    private const string DueCondition =
        "(status = 'pending' AND next_attempt_at <= @now) OR (status = 'sending' AND claimed_until < @now)";

    private readonly CaravanDatabase _database;
    private readonly Random _random;
    private readonly Action? _afterEnqueueCommitted;

    public OutboxStore(CaravanDatabase database)
        : this(database, Random.Shared)
    {
    }

    /// <param name="database">The node's database.</param>
    /// <param name="random">The source of retry jitter (inject a seeded one in tests).</param>
    public OutboxStore(CaravanDatabase database, Random random)
        : this(database, random, null)
    {
    }

    /// <param name="database">The node's database.</param>
    /// <param name="random">The source of retry jitter (inject a seeded one in tests).</param>
    /// <param name="afterEnqueueCommitted">Called after a transaction that enqueued a message commits (wakes the delivery worker).</param>
    public OutboxStore(CaravanDatabase database, Random random, Action? afterEnqueueCommitted)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(random);
        _database = database;
        _random = random;
        _afterEnqueueCommitted = afterEnqueueCommitted;
    }

    /// <summary>
    /// Writes <paramref name="message"/> as pending in the caller's transaction and returns its row id. A message id
    /// that is already in the outbox is not stored again: the existing row's id is returned.
    /// </summary>
    public async Task<long> EnqueueAsync(UnitOfWork unit, OutboxMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentException.ThrowIfNullOrWhiteSpace(message.MessageId);
        var dialect = unit.Dialect;
        if (_afterEnqueueCommitted is not null)
        {
            unit.OnCommitted(_afterEnqueueCommitted);
        }
        using var command = unit.CreateCommand("""
            INSERT INTO outbox_messages (message_id, partner, service, action, conversation_id, ref_to_message_id, payload,
                payload_content_type, created_at, status, attempts, next_attempt_at)
            VALUES (@message_id, @partner, @service, @action, @conversation_id, @ref_to_message_id, @payload,
                @payload_content_type, @created_at, 'pending', 0, @next_attempt_at)
            ON CONFLICT (message_id) DO NOTHING
            RETURNING id
            """);
        command.With("message_id", message.MessageId)
            .With("partner", message.Partner)
            .With("service", message.Service)
            .With("action", message.Action)
            .With("conversation_id", message.ConversationId)
            .With("ref_to_message_id", message.RefToMessageId)
            .WithBytes("payload", message.Payload)
            .With("payload_content_type", message.PayloadContentType)
            .With("created_at", dialect.ToDbTime(message.CreatedAt))
            .With("next_attempt_at", dialect.ToDbTime(message.NotBefore ?? message.CreatedAt));
        var id = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (id is not null and not DBNull)
        {
            return Convert.ToInt64(id, System.Globalization.CultureInfo.InvariantCulture);
        }
        using var existing = unit.CreateCommand("SELECT id FROM outbox_messages WHERE message_id = @message_id");
        existing.With("message_id", message.MessageId);
        return Convert.ToInt64(await existing.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Claims up to <paramref name="batchSize"/> messages that are due at <paramref name="now"/> (pending and due, or
    /// sending with an expired lease) for <paramref name="workerId"/> until <c>now + leaseDuration</c>, counting one
    /// attempt for each, in one statement. Returns them oldest-due first, payload included. On PostgreSQL the two kinds
    /// are picked separately, each from its own partial index in index order: one condition with OR made the server
    /// sort every pending row for each claim, milliseconds per claim once thousands were queued.
    /// </summary>
    public async Task<IReadOnlyList<OutboxEntry>> ClaimDueAsync(
        string workerId, int batchSize, DateTimeOffset now, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(workerId);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        var sql = _database.Provider == StorageProvider.Postgres
            ? $"""
                WITH expired AS (
                    SELECT id FROM outbox_messages
                    WHERE status = 'sending' AND claimed_until < @now
                    ORDER BY claimed_until
                    LIMIT @limit
                    FOR UPDATE SKIP LOCKED
                ), pending AS (
                    SELECT id FROM outbox_messages
                    WHERE status = 'pending' AND next_attempt_at <= @now
                    ORDER BY next_attempt_at, id
                    LIMIT @limit
                    FOR UPDATE SKIP LOCKED
                ), due AS (
                    SELECT id FROM expired UNION ALL SELECT id FROM pending LIMIT @limit)
                UPDATE outbox_messages AS o
                SET status = 'sending', claimed_by = @worker, claimed_until = @until, attempts = o.attempts + 1
                FROM due WHERE o.id = due.id
                RETURNING {Qualified("o.")}
                """
            : $"""
                UPDATE outbox_messages
                SET status = 'sending', claimed_by = @worker, claimed_until = @until, attempts = attempts + 1
                WHERE id IN (
                    SELECT id FROM outbox_messages
                    WHERE {DueCondition}
                    ORDER BY next_attempt_at, id
                    LIMIT @limit)
                RETURNING {Columns}
                """;
        var claimed = await _database.InTransactionAsync(
            async (unit, ct) =>
            {
                using var command = unit.CreateCommand(sql);
                command.With("now", unit.Dialect.ToDbTime(now))
                    .With("limit", batchSize)
                    .With("worker", workerId)
                    .With("until", unit.Dialect.ToDbTime(now + leaseDuration));
                return await ReadEntriesAsync(command, unit.Dialect, ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        claimed.Sort(static (a, b) => a.NextAttemptAt != b.NextAttemptAt ? a.NextAttemptAt.CompareTo(b.NextAttemptAt) : a.Id.CompareTo(b.Id));
        return claimed;
    }

    /// <summary>Records a receipt: the message is delivered (final). False when it was not pending or sending.</summary>
    public Task<bool> MarkDeliveredAsync(long id, ReadOnlyMemory<byte>? receipt, DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.InTransactionAsync((unit, ct) => MarkDeliveredAsync(unit, id, receipt, now, ct), cancellationToken);

    /// <inheritdoc cref="MarkDeliveredAsync(long, ReadOnlyMemory{byte}?, DateTimeOffset, CancellationToken)"/>
    /// <remarks>In the caller's transaction, e.g. together with an audit entry.</remarks>
    public async Task<bool> MarkDeliveredAsync(UnitOfWork unit, long id, ReadOnlyMemory<byte>? receipt, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        using var command = unit.CreateCommand("""
            UPDATE outbox_messages
            SET status = 'delivered', delivered_at = @now, receipt = @receipt, claimed_by = NULL, claimed_until = NULL
            WHERE id = @id AND status IN ('pending', 'sending')
            """);
        command.With("id", id).With("now", unit.Dialect.ToDbTime(now)).WithBytes("receipt", receipt);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>
    /// Records many receipts in the caller's transaction: each message that was pending or sending becomes delivered.
    /// Returns the ids that were marked (a message another worker settled first is left out). On PostgreSQL this is
    /// one statement for the whole set, whose text does not depend on its size.
    /// </summary>
    public async Task<IReadOnlySet<long>> MarkDeliveredAsync(
        UnitOfWork unit, IReadOnlyList<(long Id, ReadOnlyMemory<byte>? Receipt)> deliveries, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(deliveries);
        var marked = new HashSet<long>();
        if (deliveries.Count == 0)
        {
            return marked;
        }
        if (unit.Provider != StorageProvider.Postgres)
        {
            foreach (var (id, receipt) in deliveries)
            {
                if (await MarkDeliveredAsync(unit, id, receipt, now, cancellationToken).ConfigureAwait(false))
                {
                    marked.Add(id);
                }
            }
            return marked;
        }
        using var command = unit.CreateCommand("""
            UPDATE outbox_messages AS o
            SET status = 'delivered', delivered_at = @now, receipt = d.receipt, claimed_by = NULL, claimed_until = NULL
            FROM unnest(@ids::bigint[], @receipts::bytea[]) AS d(id, receipt)
            WHERE o.id = d.id AND o.status IN ('pending', 'sending')
            RETURNING o.id
            """);
        var ids = new long[deliveries.Count];
        var receipts = new byte[]?[deliveries.Count];
        for (var i = 0; i < deliveries.Count; i++)
        {
            ids[i] = deliveries[i].Id;
            receipts[i] = deliveries[i].Receipt is { } receipt ? DbCommandExtensions.AsArray(receipt) : null;
        }
        command.With("now", unit.Dialect.ToDbTime(now)).With("ids", ids).With("receipts", receipts);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                marked.Add(reader.GetInt64(0));
            }
        }
        return marked;
    }

    /// <summary>
    /// Records a failed attempt of a message being sent: back to pending with the next attempt after a jittered
    /// exponential delay from <paramref name="policy"/>, or dead when the policy allows no further attempt.
    /// </summary>
    public Task<OutboxFailureResult> MarkFailedAsync(long id, string error, DateTimeOffset now, RetryPolicy policy, CancellationToken cancellationToken) =>
        _database.InTransactionAsync((unit, ct) => MarkFailedAsync(unit, id, error, now, policy, ct), cancellationToken);

    /// <inheritdoc cref="MarkFailedAsync(long, string, DateTimeOffset, RetryPolicy, CancellationToken)"/>
    /// <remarks>In the caller's transaction, e.g. together with an audit entry.</remarks>
    public async Task<OutboxFailureResult> MarkFailedAsync(
        UnitOfWork unit, long id, string error, DateTimeOffset now, RetryPolicy policy, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(error);
        ArgumentNullException.ThrowIfNull(policy);
        using var select = unit.CreateCommand($"SELECT attempts FROM outbox_messages WHERE id = @id AND status = 'sending'{unit.Dialect.ForUpdate}");
        select.With("id", id);
        var value = await select.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (value is null or DBNull)
        {
            return new OutboxFailureResult(OutboxFailureOutcome.NotSending, 0, null);
        }
        var attempts = Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture);
        if (!policy.AllowsAnotherAttempt(attempts))
        {
            await SetDeadAsync(unit, id, error, "sending", cancellationToken).ConfigureAwait(false);
            return new OutboxFailureResult(OutboxFailureOutcome.DeadLettered, attempts, null);
        }
        TimeSpan delay;
        lock (_random)
        {
            delay = policy.NextDelay(attempts, _random);
        }
        var next = SqlDialect.Truncate(now + delay);
        using var update = unit.CreateCommand("""
            UPDATE outbox_messages
            SET status = 'pending', next_attempt_at = @next, last_error = @error, claimed_by = NULL, claimed_until = NULL
            WHERE id = @id
            """);
        update.With("id", id).With("next", unit.Dialect.ToDbTime(next)).With("error", Truncate(error));
        await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        return new OutboxFailureResult(OutboxFailureOutcome.RetryScheduled, attempts, next);
    }

    /// <summary>
    /// Dead-letters a pending or sending message at once (a permanent error such as a rejected signature or an
    /// unknown partner). False when it was already delivered or dead.
    /// </summary>
    public async Task<bool> MarkDeadAsync(UnitOfWork unit, long id, string error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(error);
        return await SetDeadAsync(unit, id, error, "pending', 'sending", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Dead letters, oldest first, without payload bytes (see <see cref="OutboxEntry"/>).</summary>
    public Task<IReadOnlyList<OutboxEntry>> ListDeadAsync(int limit, CancellationToken cancellationToken) =>
        ListDeadAsync(0, limit, cancellationToken);

    /// <summary>Dead letters with an id above <paramref name="afterId"/> (keyset paging), oldest first, without payload bytes.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ListDeadAsync(long afterId, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        return await _database.ReadAsync<IReadOnlyList<OutboxEntry>>(
            async (connection, ct) =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {ColumnsWithoutPayload} FROM outbox_messages WHERE status = 'dead' AND id > @after ORDER BY id LIMIT @limit";
                command.With("after", afterId).With("limit", limit);
                return await ReadEntriesAsync(command, _database.Dialect, ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Operator re-send of a dead message: pending again, due at <paramref name="now"/>, attempts reset to zero (the
    /// last error is kept for reference). False when the message is not dead.
    /// </summary>
    public Task<bool> RequeueAsync(long id, DateTimeOffset now, CancellationToken cancellationToken) =>
        _database.InTransactionAsync((unit, ct) => RequeueAsync(unit, id, now, ct), cancellationToken);

    /// <inheritdoc cref="RequeueAsync(long, DateTimeOffset, CancellationToken)"/>
    /// <remarks>In the caller's transaction, e.g. together with an audit entry and an idempotency record.</remarks>
    public async Task<bool> RequeueAsync(UnitOfWork unit, long id, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        using var command = unit.CreateCommand("""
            UPDATE outbox_messages
            SET status = 'pending', attempts = 0, next_attempt_at = @now, claimed_by = NULL, claimed_until = NULL
            WHERE id = @id AND status = 'dead'
            """);
        command.With("id", id).With("now", unit.Dialect.ToDbTime(now));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>The stored row with its payload, or null.</summary>
    public Task<OutboxEntry?> GetAsync(long id, CancellationToken cancellationToken) =>
        GetWhereAsync("id = @key", id, cancellationToken);

    /// <summary>The stored row for an ebMS message id, with its payload, or null.</summary>
    public Task<OutboxEntry?> FindByMessageIdAsync(string messageId, CancellationToken cancellationToken) =>
        GetWhereAsync("message_id = @key", messageId, cancellationToken);

    /// <summary>
    /// The earliest instant at which some message becomes due (a pending message's next attempt or a sending
    /// message's lease expiry), or null when there is nothing left to send; lets a worker sleep until then.
    /// </summary>
    public Task<DateTimeOffset?> NextDueAtAsync(CancellationToken cancellationToken) =>
        _database.ReadAsync<DateTimeOffset?>(
            async (connection, ct) =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT min(t) FROM (
                        SELECT min(next_attempt_at) AS t FROM outbox_messages WHERE status = 'pending'
                        UNION ALL
                        SELECT min(claimed_until) AS t FROM outbox_messages WHERE status = 'sending') AS due
                    """;
                var value = await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
                return value is null or DBNull ? null : _database.Dialect.FromDbTime(value);
            },
            cancellationToken);

    private async Task<OutboxEntry?> GetWhereAsync(string condition, object key, CancellationToken cancellationToken) =>
        await _database.ReadAsync(
            async (connection, ct) =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = $"SELECT {Columns} FROM outbox_messages WHERE {condition}";
                command.With("key", key);
                var entries = await ReadEntriesAsync(command, _database.Dialect, ct).ConfigureAwait(false);
                return entries.Count == 0 ? null : entries[0];
            },
            cancellationToken).ConfigureAwait(false);

    private static async Task<bool> SetDeadAsync(UnitOfWork unit, long id, string error, string fromStatuses, CancellationToken cancellationToken)
    {
        using var command = unit.CreateCommand($"""
            UPDATE outbox_messages
            SET status = 'dead', last_error = @error, claimed_by = NULL, claimed_until = NULL
            WHERE id = @id AND status IN ('{fromStatuses}')
            """);
        command.With("id", id).With("error", Truncate(error));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    private static string Qualified(string prefix) =>
        string.Join(", ", Columns.Split(", ").Select(c => c.StartsWith("length(", StringComparison.Ordinal) ? $"length({prefix}payload)" : prefix + c));

    private static string Truncate(string error) => error.Length <= MaxErrorLength ? error : error[..MaxErrorLength];

    private static async Task<List<OutboxEntry>> ReadEntriesAsync(DbCommand command, SqlDialect dialect, CancellationToken cancellationToken)
    {
        var entries = new List<OutboxEntry>();
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                entries.Add(ReadEntry(reader, dialect));
            }
        }
        return entries;
    }

    private static OutboxEntry ReadEntry(DbDataReader reader, SqlDialect dialect)
    {
        var message = new OutboxMessage
        {
            MessageId = reader.GetString(1),
            Partner = reader.GetString(2),
            Service = reader.GetString(3),
            Action = reader.GetString(4),
            ConversationId = reader.GetString(5),
            RefToMessageId = reader.IsDBNull(6) ? null : reader.GetString(6),
            Payload = reader.IsDBNull(7) ? ReadOnlyMemory<byte>.Empty : reader.GetFieldValue<byte[]>(7),
            PayloadContentType = reader.GetString(8),
            CreatedAt = dialect.ReadTime(reader, 9),
        };
        return new OutboxEntry(
            reader.GetInt64(0),
            message,
            reader.GetInt64(18),
            ParseStatus(reader.GetString(10)),
            reader.GetInt32(11),
            dialect.ReadTime(reader, 12),
            reader.IsDBNull(13) ? null : reader.GetString(13),
            reader.IsDBNull(14) ? null : reader.GetString(14),
            dialect.ReadNullableTime(reader, 15),
            dialect.ReadNullableTime(reader, 16),
            reader.IsDBNull(17) ? null : reader.GetFieldValue<byte[]>(17));
    }

    private static OutboxStatus ParseStatus(string value) => value switch
    {
        "pending" => OutboxStatus.Pending,
        "sending" => OutboxStatus.Sending,
        "delivered" => OutboxStatus.Delivered,
        "dead" => OutboxStatus.Dead,
        _ => throw new InvalidDataException($"Unknown outbox status '{value}'."),
    };
}
