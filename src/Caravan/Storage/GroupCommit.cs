using System.Collections.Concurrent;

namespace Caravan.Storage;

/// <summary>
/// Group commit for short units of work from concurrent callers (see
/// <see cref="CaravanDatabase.InGroupTransactionAsync{T}"/>). Callers queue their work; a runner takes everything
/// queued, up to <see cref="MaxGroup"/>, and runs it in one transaction, so one commit (one WAL flush, one
/// <c>BEGIN</c>/<c>COMMIT</c>) serves many callers. There is no timer: a group is whatever arrived while the previous
/// group ran, so a lone caller is not delayed.
/// If the group's transaction fails for any reason, nothing of it is kept and each unit of work runs again alone in
/// its own transaction: the unit that failed fails alone, with its own exception, and the others commit. Work must
/// therefore keep its effects in the unit of work (and in <see cref="UnitOfWork.OnCommitted"/> callbacks), as all
/// units of work already must.
/// </summary>
internal sealed class GroupCommit(CaravanDatabase database)
{
    /// <summary>The most units of work committed together.</summary>
    internal const int MaxGroup = 64;

    private readonly ConcurrentQueue<IQueuedWork> _queue = new();

    /// <summary>1 while the runner works through the queue. One runner: a second one measured slower, as its groups were smaller.</summary>
    private int _running;

    public Task<T> RunAsync<T>(Func<UnitOfWork, CancellationToken, Task<T>> work)
    {
        var queued = new QueuedWork<T>(work);
        _queue.Enqueue(queued);
        StartRunnerIfNeeded();
        return queued.Completion.Task;
    }

    private void StartRunnerIfNeeded()
    {
        if (_queue.IsEmpty || Interlocked.CompareExchange(ref _running, 1, 0) != 0)
        {
            return;
        }
        // The runner serves many callers: it must not carry the ambient state (a unit of work in progress, a logging
        // scope) of whichever caller happened to start it.
        using (ExecutionContext.SuppressFlow())
        {
            _ = Task.Run(RunGroupsAsync);
        }
    }

    private async Task RunGroupsAsync()
    {
        var group = new List<IQueuedWork>(MaxGroup);
        while (true)
        {
            group.Clear();
            while (group.Count < MaxGroup && _queue.TryDequeue(out var queued))
            {
                group.Add(queued);
            }
            if (group.Count == 0)
            {
                Volatile.Write(ref _running, 0);
                // Work queued between the last dequeue and the decrement would otherwise wait for the next caller.
                StartRunnerIfNeeded();
                return;
            }
            await RunGroupAsync(group).ConfigureAwait(false);
        }
    }

    private async Task RunGroupAsync(List<IQueuedWork> group)
    {
        if (group.Count > 1)
        {
            try
            {
                await database.InTransactionAsync(
                    async (unit, ct) =>
                    {
                        foreach (var queued in group)
                        {
                            await queued.RunAsync(unit, ct).ConfigureAwait(false);
                        }
                    },
                    CancellationToken.None).ConfigureAwait(false);
                foreach (var queued in group)
                {
                    queued.Complete();
                }
                return;
            }
#pragma warning disable CA1031 // Whatever failed the group is found by running each unit alone below.
            catch (Exception)
#pragma warning restore CA1031
            {
                foreach (var queued in group)
                {
                    queued.Reset();
                }
            }
        }
        foreach (var queued in group)
        {
            try
            {
                await database.InTransactionAsync(queued.RunAsync, CancellationToken.None).ConfigureAwait(false);
                queued.Complete();
            }
#pragma warning disable CA1031 // The exception goes to the caller of this unit of work.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                queued.Fail(ex);
            }
        }
    }

    private interface IQueuedWork
    {
        Task RunAsync(UnitOfWork unit, CancellationToken cancellationToken);

        void Complete();

        void Reset();

        void Fail(Exception exception);
    }

    private sealed class QueuedWork<T>(Func<UnitOfWork, CancellationToken, Task<T>> work) : IQueuedWork
    {
        private T? _result;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task RunAsync(UnitOfWork unit, CancellationToken cancellationToken) =>
            _result = await work(unit, cancellationToken).ConfigureAwait(false);

        public void Complete() => Completion.TrySetResult(_result!);

        public void Reset() => _result = default;

        public void Fail(Exception exception) => Completion.TrySetException(exception);
    }
}
