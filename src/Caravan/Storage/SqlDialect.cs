using System.Data.Common;

namespace Caravan.Storage;

/// <summary>
/// The few SQL differences between the providers. Both accept <c>@name</c> parameters,
/// <c>INSERT ... ON CONFLICT</c> and <c>RETURNING</c>; they differ in blob and timestamp types, row locking,
/// and how a timestamp travels (PostgreSQL <c>timestamptz</c>, SQLite integer microseconds since the Unix epoch).
/// Timestamps are kept to microsecond precision on both so that values round-trip exactly.
/// </summary>
public sealed class SqlDialect
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static readonly SqlDialect Sqlite = new(StorageProvider.Sqlite);

    public static readonly SqlDialect Postgres = new(StorageProvider.Postgres);

    private SqlDialect(StorageProvider provider) => Provider = provider;

    public StorageProvider Provider { get; }

    /// <summary>The column type for binary data: <c>BLOB</c> or <c>bytea</c>.</summary>
    public string BlobType => Provider == StorageProvider.Postgres ? "bytea" : "BLOB";

    /// <summary>The column type for an instant: <c>INTEGER</c> (µs since epoch) or <c>timestamptz</c>.</summary>
    public string TimestampType => Provider == StorageProvider.Postgres ? "timestamptz" : "INTEGER";

    /// <summary>
    /// Appended to a SELECT that picks rows to work on: <c> FOR UPDATE SKIP LOCKED</c> on PostgreSQL, nothing on
    /// SQLite (whose writers are serialised).
    /// </summary>
    public string ForUpdateSkipLocked => Provider == StorageProvider.Postgres ? " FOR UPDATE SKIP LOCKED" : string.Empty;

    /// <summary>Appended to a SELECT that must lock its rows: <c> FOR UPDATE</c> on PostgreSQL, nothing on SQLite.</summary>
    public string ForUpdate => Provider == StorageProvider.Postgres ? " FOR UPDATE" : string.Empty;

    /// <summary>Whether several processes may write at once (so row locks matter).</summary>
    public bool SupportsConcurrentWriters => Provider == StorageProvider.Postgres;

    /// <summary>Drops sub-microsecond ticks so that an instant survives a round trip through either database.</summary>
    public static DateTimeOffset Truncate(DateTimeOffset value)
    {
        var utcTicks = value.UtcTicks;
        return new DateTimeOffset(utcTicks - (utcTicks % TicksPerMicrosecond), TimeSpan.Zero);
    }

    /// <summary>The parameter value that stores <paramref name="value"/> in a <see cref="TimestampType"/> column.</summary>
    public object ToDbTime(DateTimeOffset value)
    {
        var truncated = Truncate(value);
        return Provider == StorageProvider.Postgres ? truncated : ToUnixMicroseconds(truncated);
    }

    /// <summary>The parameter value for an optional instant (<see cref="DBNull"/> when absent).</summary>
    public object ToDbTime(DateTimeOffset? value) => value is { } v ? ToDbTime(v) : DBNull.Value;

    /// <summary>Reads a <see cref="TimestampType"/> column as a UTC instant.</summary>
    public DateTimeOffset ReadTime(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return Provider == StorageProvider.Postgres
            ? new DateTimeOffset(reader.GetFieldValue<DateTime>(ordinal).ToUniversalTime(), TimeSpan.Zero)
            : FromUnixMicroseconds(reader.GetInt64(ordinal));
    }

    /// <summary>Reads an optional <see cref="TimestampType"/> column.</summary>
    public DateTimeOffset? ReadNullableTime(DbDataReader reader, int ordinal)
    {
        ArgumentNullException.ThrowIfNull(reader);
        return reader.IsDBNull(ordinal) ? null : ReadTime(reader, ordinal);
    }

    /// <summary>Converts a stored timestamp value (as returned by a scalar query) to an instant.</summary>
    public DateTimeOffset FromDbTime(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value switch
        {
            DateTime dt => new DateTimeOffset(DateTime.SpecifyKind(dt.ToUniversalTime(), DateTimeKind.Utc), TimeSpan.Zero),
            DateTimeOffset dto => dto.ToUniversalTime(),
            long micros => FromUnixMicroseconds(micros),
            _ => throw new InvalidCastException($"Cannot read a timestamp from a {value.GetType().Name}."),
        };
    }

    private static long ToUnixMicroseconds(DateTimeOffset value) =>
        (value.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerMicrosecond;

    private static DateTimeOffset FromUnixMicroseconds(long micros) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (micros * TicksPerMicrosecond), TimeSpan.Zero);

    public override string ToString() => Provider.ToString();
}
