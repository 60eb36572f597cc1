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
    private List<Func<CancellationToken, Task>>? _beforeCommit;
    private Dictionary<object, object>? _state;

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

    /// <summary>
    /// Registers work run in this transaction after the unit of work returns and just before the commit, in the order
    /// registered (e.g. to write rows buffered during the unit in one statement). If it throws, nothing commits.
    /// </summary>
    public void OnBeforeCommit(Func<CancellationToken, Task> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        (_beforeCommit ??= []).Add(callback);
    }

    /// <summary>
    /// State a component keeps for the length of this unit of work (such as rows it buffers), under a key it owns:
    /// created by <paramref name="create"/> on first use.
    /// </summary>
    public T State<T>(object key, Func<UnitOfWork, T> create)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(create);
        _state ??= [];
        if (_state.TryGetValue(key, out var existing))
        {
            return (T)existing;
        }
        var created = create(this);
        _state[key] = created;
        return created;
    }

    internal async Task RunBeforeCommitAsync(CancellationToken cancellationToken)
    {
        if (_beforeCommit is null)
        {
            return;
        }
        // A callback may register another (it runs too, after the ones before it).
        for (var i = 0; i < _beforeCommit.Count; i++)
        {
            await _beforeCommit[i](cancellationToken).ConfigureAwait(false);
        }
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
