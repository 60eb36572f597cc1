using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Caravan.Storage;

/// <summary>Recognises the database errors that callers handle as expected outcomes rather than outages.</summary>
public static class DbErrors
{
    /// <summary>True for a unique or primary-key violation on either provider (someone else inserted the same key first).</summary>
    public static bool IsUniqueViolation(DbException exception) => exception switch
    {
        PostgresException pg => pg.SqlState == PostgresErrorCodes.UniqueViolation,
        SqliteException sqlite => sqlite.SqliteErrorCode == 19 && sqlite.SqliteExtendedErrorCode is 1555 or 2067,
        _ => false,
    };
}
