using System.Data.Common;

namespace Caravan.Storage;

/// <summary>
/// One open database transaction, handed to the work passed to
/// <see cref="CaravanDatabase.InTransactionAsync{T}(Func{UnitOfWork, CancellationToken, Task{T}}, CancellationToken)"/>.
/// Everything written through it (a business change, its outbox row, its audit entry) commits or rolls back together.
/// </summary>
public sealed class UnitOfWork
{
    private List<Action>? _onCommitted;

    internal UnitOfWork(DbConnection connection, DbTransaction transaction, SqlDialect dialect)
    {
        Connection = connection;
        Transaction = transaction;
        Dialect = dialect;
    }

    public DbConnection Connection { get; }

    public DbTransaction Transaction { get; }

    public SqlDialect Dialect { get; }

    public StorageProvider Provider => Dialect.Provider;

    /// <summary>Creates a command enlisted in this transaction.</summary>
    public DbCommand CreateCommand(string commandText)
    {
        var command = Connection.CreateCommand();
        command.Transaction = Transaction;
        command.CommandText = commandText;
        return command;
    }

    /// <summary>
    /// Registers a callback run after a successful commit (e.g. to wake the outbox delivery worker). Callbacks are
    /// not run when the transaction rolls back.
    /// </summary>
    public void OnCommitted(Action callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        (_onCommitted ??= []).Add(callback);
    }

    internal void RunCommittedCallbacks()
    {
        if (_onCommitted is null)
        {
            return;
        }
        foreach (var callback in _onCommitted)
        {
            callback();
        }
    }
}
