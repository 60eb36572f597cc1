using Dapper;

namespace Caravan.Storage;

/// <summary>Gap-tolerant counters kept in the database (certificate numbers), safe across node processes.</summary>
public static class NumberSequence
{
    /// <summary>Returns the next value of the named counter inside <paramref name="unit"/>, starting at 1.</summary>
    public static async Task<long> NextAsync(UnitOfWork unit, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(unit);
        return await unit.Connection.ExecuteScalarAsync<long>(new CommandDefinition(
            """
            insert into number_sequences (name, next_value) values (@name, 1)
            on conflict (name) do update set next_value = number_sequences.next_value + 1
            returning next_value
            """,
            new { name }, unit.Transaction, cancellationToken: cancellationToken)).ConfigureAwait(false);
    }
}
