using System.Data;
using System.Data.Common;
using System.Globalization;
using Caravan.Storage;
using Microsoft.Data.Sqlite;
using Npgsql;
using NpgsqlTypes;

namespace Caravan.Exchange.Inbox;

/// <summary>
/// Received messages, stored once per ebMS message id (duplicate elimination). <c>TryAcceptAsync</c> inserts in the
/// caller's transaction with <c>INSERT ... ON CONFLICT DO NOTHING</c>: concurrent deliveries of one message are
/// serialised by the primary key, exactly one is new, and every duplicate gets back the receipt stored with the
/// original. Payloads can stream in and out without a buffer of their size (PostgreSQL: a Stream-valued bytea
/// parameter and sequential reads; SQLite: <c>zeroblob</c> then incremental blob I/O).
/// </summary>
public sealed class InboxStore
{
    /// <summary>Above this size a PostgreSQL insert first checks for a duplicate, so that its payload is not uploaded in vain.</summary>
    private const long DuplicatePrecheckThreshold = 1024 * 1024;

    private const int CopyBufferSize = 81920;

    private const string InsertColumns =
        "message_id, from_partner, service, action, conversation_id, ref_to_message_id, received_at, payload, " +
        "payload_content_type, payload_length, receipt, status";

    private readonly CaravanDatabase _database;

    public InboxStore(CaravanDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
    }

    /// <summary>
    /// Stores a received message with an in-memory payload, once. <paramref name="receipt"/> is the receipt to
    /// answer (it can also be set later in the same transaction with <see cref="SetReceiptAsync"/>).
    /// </summary>
    public async Task<InboxAcceptResult> TryAcceptAsync(
        UnitOfWork unit, InboxMessage message, ReadOnlyMemory<byte> payload, ReadOnlyMemory<byte>? receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(message);
        using var command = unit.CreateCommand(
            $"INSERT INTO inbox_messages ({InsertColumns}) VALUES ({Values("@payload")}) ON CONFLICT (message_id) DO NOTHING");
        BindMetadata(command, unit.Dialect, message, payload.Length, receipt).WithBytes("payload", payload);
        var inserted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        return inserted
            ? InboxAcceptResult.Accepted(receipt)
            : await ReadDuplicateAsync(unit, message.MessageId, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Stores a received message once, streaming exactly <paramref name="payloadLength"/> bytes from
    /// <paramref name="payload"/> (which is not disposed, and is not read at all for a duplicate detected up front).
    /// A stream that ends early fails with <see cref="EndOfStreamException"/>, rolling the transaction back.
    /// </summary>
    public async Task<InboxAcceptResult> TryAcceptAsync(
        UnitOfWork unit, InboxMessage message, Stream payload, long payloadLength, ReadOnlyMemory<byte>? receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(payload);
        ArgumentOutOfRangeException.ThrowIfNegative(payloadLength);
        return unit.Connection switch
        {
            NpgsqlConnection => await AcceptStreamPostgresAsync(unit, message, payload, payloadLength, receipt, cancellationToken).ConfigureAwait(false),
            SqliteConnection sqlite => await AcceptStreamSqliteAsync(unit, sqlite, message, payload, payloadLength, receipt, cancellationToken).ConfigureAwait(false),
            _ => throw new NotSupportedException($"Unsupported connection type {unit.Connection.GetType().Name}."),
        };
    }

    /// <summary>Stores the receipt answered for a message (e.g. once it is signed). False when the message is unknown.</summary>
    public async Task<bool> SetReceiptAsync(UnitOfWork unit, string messageId, ReadOnlyMemory<byte> receipt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        using var command = unit.CreateCommand("UPDATE inbox_messages SET receipt = @receipt WHERE message_id = @message_id");
        command.With("message_id", messageId).WithBytes("receipt", receipt);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>Records what the business module did with the message. False when the message is unknown.</summary>
    public async Task<bool> SetStatusAsync(UnitOfWork unit, string messageId, InboxStatus status, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        using var command = unit.CreateCommand("UPDATE inbox_messages SET status = @status WHERE message_id = @message_id");
        command.With("message_id", messageId).With("status", ToDb(status));
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
    }

    /// <summary>The stored message without its payload, or null.</summary>
    public Task<InboxEntry?> GetAsync(string messageId, CancellationToken cancellationToken) =>
        _database.ReadAsync<InboxEntry?>(
            async (connection, ct) =>
            {
                using var command = connection.CreateCommand();
                command.CommandText = """
                    SELECT message_id, from_partner, service, action, conversation_id, ref_to_message_id, received_at,
                        payload_content_type, payload_length, status, receipt
                    FROM inbox_messages WHERE message_id = @message_id
                    """;
                command.With("message_id", messageId);
                var reader = await command.ExecuteReaderAsync(ct).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        return null;
                    }
                    var message = new InboxMessage
                    {
                        MessageId = reader.GetString(0),
                        FromPartner = reader.GetString(1),
                        Service = reader.GetString(2),
                        Action = reader.GetString(3),
                        ConversationId = reader.GetString(4),
                        RefToMessageId = reader.IsDBNull(5) ? null : reader.GetString(5),
                        ReceivedAt = _database.Dialect.ReadTime(reader, 6),
                        PayloadContentType = reader.GetString(7),
                    };
                    return new InboxEntry(
                        message,
                        reader.GetInt64(8),
                        ParseStatus(reader.GetString(9)),
                        reader.IsDBNull(10) ? null : reader.GetFieldValue<byte[]>(10));
                }
            },
            cancellationToken);

    /// <summary>Streams a stored payload into <paramref name="destination"/>; false when the message is unknown.</summary>
    public Task<bool> CopyPayloadToAsync(string messageId, Stream destination, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(destination);
        return _database.ReadAsync(
            async (connection, ct) =>
            {
                if (connection is SqliteConnection sqlite)
                {
                    using var find = sqlite.CreateCommand();
                    find.CommandText = "SELECT rowid FROM inbox_messages WHERE message_id = @message_id";
                    find.With("message_id", messageId);
                    if (await find.ExecuteScalarAsync(ct).ConfigureAwait(false) is not long rowid)
                    {
                        return false;
                    }
                    using var blob = new SqliteBlob(sqlite, "inbox_messages", "payload", rowid, readOnly: true);
                    await blob.CopyToAsync(destination, CopyBufferSize, ct).ConfigureAwait(false);
                    return true;
                }
                using var command = connection.CreateCommand();
                command.CommandText = "SELECT payload FROM inbox_messages WHERE message_id = @message_id";
                command.With("message_id", messageId);
                var reader = await command.ExecuteReaderAsync(CommandBehavior.SequentialAccess | CommandBehavior.SingleRow, ct).ConfigureAwait(false);
                await using (reader.ConfigureAwait(false))
                {
                    if (!await reader.ReadAsync(ct).ConfigureAwait(false))
                    {
                        return false;
                    }
                    var stream = reader is NpgsqlDataReader npgsql
                        ? await npgsql.GetStreamAsync(0, ct).ConfigureAwait(false)
                        : reader.GetStream(0);
                    await using (stream.ConfigureAwait(false))
                    {
                        await stream.CopyToAsync(destination, CopyBufferSize, ct).ConfigureAwait(false);
                    }
                    return true;
                }
            },
            cancellationToken);
    }

    private async Task<InboxAcceptResult> AcceptStreamPostgresAsync(
        UnitOfWork unit, InboxMessage message, Stream payload, long payloadLength, ReadOnlyMemory<byte>? receipt, CancellationToken cancellationToken)
    {
        if (payloadLength > int.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(payloadLength), payloadLength, "PostgreSQL bytea values are limited to 1 GB.");
        }
        if (payloadLength > DuplicatePrecheckThreshold
            && await TryReadDuplicateAsync(unit, message.MessageId, cancellationToken).ConfigureAwait(false) is { } early)
        {
            return early;
        }
        using var command = unit.CreateCommand(
            $"INSERT INTO inbox_messages ({InsertColumns}) VALUES ({Values("@payload")}) ON CONFLICT (message_id) DO NOTHING");
        BindMetadata(command, unit.Dialect, message, payloadLength, receipt);
        command.Parameters.Add(new NpgsqlParameter("payload", NpgsqlDbType.Bytea)
        {
            // Npgsql copies a seekable Stream value to the wire in buffer-sized chunks (Length - Position bytes).
            Value = new ExactLengthStream(payload, payloadLength),
        });
        var inserted = await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        return inserted
            ? InboxAcceptResult.Accepted(receipt)
            : await ReadDuplicateAsync(unit, message.MessageId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<InboxAcceptResult> AcceptStreamSqliteAsync(
        UnitOfWork unit, SqliteConnection connection, InboxMessage message, Stream payload, long payloadLength,
        ReadOnlyMemory<byte>? receipt, CancellationToken cancellationToken)
    {
        long rowid;
        using (var command = unit.CreateCommand(
            $"INSERT INTO inbox_messages ({InsertColumns}) VALUES ({Values("zeroblob(@payload_length)")}) ON CONFLICT (message_id) DO NOTHING RETURNING rowid"))
        {
            BindMetadata(command, unit.Dialect, message, payloadLength, receipt);
            var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            if (value is not long id)
            {
                return await ReadDuplicateAsync(unit, message.MessageId, cancellationToken).ConfigureAwait(false);
            }
            rowid = id;
        }
        if (payloadLength > 0)
        {
            using var blob = new SqliteBlob(connection, "inbox_messages", "payload", rowid);
            await new ExactLengthStream(payload, payloadLength).CopyToAsync(blob, CopyBufferSize, cancellationToken).ConfigureAwait(false);
        }
        return InboxAcceptResult.Accepted(receipt);
    }

    private static async Task<InboxAcceptResult> ReadDuplicateAsync(UnitOfWork unit, string messageId, CancellationToken cancellationToken) =>
        await TryReadDuplicateAsync(unit, messageId, cancellationToken).ConfigureAwait(false)
        ?? throw new InvalidOperationException($"Inbox message '{messageId}' conflicted on insert but cannot be read.");

    private static async Task<InboxAcceptResult?> TryReadDuplicateAsync(UnitOfWork unit, string messageId, CancellationToken cancellationToken)
    {
        using var command = unit.CreateCommand("SELECT status, receipt FROM inbox_messages WHERE message_id = @message_id");
        command.With("message_id", messageId);
        var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using (reader.ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }
            return InboxAcceptResult.Duplicate(
                ParseStatus(reader.GetString(0)),
                reader.IsDBNull(1) ? null : reader.GetFieldValue<byte[]>(1));
        }
    }

    private static string Values(string payloadExpression) =>
        "@message_id, @from_partner, @service, @action, @conversation_id, @ref_to_message_id, @received_at, " +
        payloadExpression + ", @payload_content_type, @payload_length, @receipt, @status";

    private static DbCommand BindMetadata(DbCommand command, SqlDialect dialect, InboxMessage message, long payloadLength, ReadOnlyMemory<byte>? receipt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(message.MessageId);
        return command.With("message_id", message.MessageId)
            .With("from_partner", message.FromPartner)
            .With("service", message.Service)
            .With("action", message.Action)
            .With("conversation_id", message.ConversationId)
            .With("ref_to_message_id", message.RefToMessageId)
            .With("received_at", dialect.ToDbTime(message.ReceivedAt))
            .With("payload_content_type", message.PayloadContentType)
            .With("payload_length", payloadLength)
            .WithBytes("receipt", receipt)
            .With("status", ToDb(message.Status));
    }

    private static string ToDb(InboxStatus status) => status switch
    {
        InboxStatus.Received => "received",
        InboxStatus.Processed => "processed",
        InboxStatus.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown inbox status."),
    };

    private static InboxStatus ParseStatus(string value) => value switch
    {
        "received" => InboxStatus.Received,
        "processed" => InboxStatus.Processed,
        "rejected" => InboxStatus.Rejected,
        _ => throw new InvalidDataException(string.Create(CultureInfo.InvariantCulture, $"Unknown inbox status '{value}'.")),
    };
}
