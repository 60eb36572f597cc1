using System.Text.Json;
using System.Threading.Channels;
using Caravan.Exchange.Audit;
using Caravan.Exchange.Outbox;
using Caravan.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Caravan.Exchange.Gateway;

/// <summary>
/// Delivers the outbox: claims due messages in batches under a lease, sends each as an AS4 user message, and settles
/// it in one transaction with its audit entries: delivered (with the partner's signed receipt), retried later with
/// backoff and jitter, or dead-lettered after the agreement's attempt limit or a permanent ebMS error. Several
/// workers and node processes can run at once; a crashed worker's lease expires and its messages are sent again
/// (the receiver's duplicate elimination absorbs a second copy).
/// </summary>
public sealed partial class OutboxDeliveryWorker(
    NodeContext node,
    CaravanDatabase database,
    OutboxStore outbox,
    As4Sender sender,
    AuditLog audit,
    DeliverySignal signal,
    IEnumerable<IDeliveryObserver> observers,
    GatewayOptions options,
    TimeProvider time,
    ILogger<OutboxDeliveryWorker> logger) : BackgroundService
{
    private readonly string _workerId = $"{Environment.ProcessId}:{Guid.NewGuid():N}";
    private readonly IDeliveryObserver[] _observers = observers.ToArray();

    /// <summary>The most attempts settled in one transaction.</summary>
    private const int MaxSettleGroup = 256;

    /// <summary>A settlement of fewer sends than this waits <see cref="SettleLinger"/> for more, while sends are in flight.</summary>
    private const int SettleLingerBelow = 16;

    /// <summary>How long a small settlement waits for more finished sends (real time: a batching window, not business time).</summary>
    private static readonly TimeSpan SettleLinger = TimeSpan.FromMilliseconds(10);

    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Task> _conversationTails = new(StringComparer.Ordinal);

    private int _inFlight;

    /// <summary>
    /// A pipeline rather than batch after batch: up to <see cref="GatewayOptions.Concurrency"/> sends are in flight at
    /// any time, new messages are claimed as sends finish (in groups, so that claiming costs one transaction for many
    /// messages), and a settler records finished sends as they come, many per transaction. Waiting for a whole batch's
    /// slowest send before claiming the next left the cores idle a quarter of the time under load.
    /// </summary>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var finished = Channel.CreateUnbounded<Attempt>(new UnboundedChannelOptions { SingleReader = true });
        var settler = SettleLoopAsync(finished.Reader);
        using var slots = new SemaphoreSlim(options.Concurrency, options.Concurrency);
        var group = Math.Max(1, Math.Min(options.BatchSize, options.Concurrency / 2));
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var free = 0;
                try
                {
                    // Room for a group of sends (or for anything, when nothing is in flight).
                    do
                    {
                        await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
                        free++;
                        while (free < options.BatchSize && slots.Wait(0, CancellationToken.None))
                        {
                            free++;
                        }
                    }
                    while (free < group && Volatile.Read(ref _inFlight) > 0);

                    var batch = await outbox.ClaimDueAsync(_workerId, free, time.GetUtcNow(), options.Lease, stoppingToken).ConfigureAwait(false);
                    foreach (var entry in batch)
                    {
                        Interlocked.Increment(ref _inFlight);
                        free--;
                        // Messages of one conversation go one after another (a notice of inspection before the notice
                        // of acceptance); other conversations go in parallel. Only this loop writes the tails.
                        var conversation = entry.Message.ConversationId;
                        var before = _conversationTails.TryGetValue(conversation, out var tail) ? tail : Task.CompletedTask;
                        var send = SendAndQueueAsync(before, entry, finished.Writer, slots, stoppingToken);
                        _conversationTails[conversation] = send;
                        _ = send.ContinueWith(
                            done => _conversationTails.TryRemove(KeyValuePair.Create(conversation, done)),
                            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
                    }
                    if (free > 0)
                    {
                        slots.Release(free);
                        free = 0;
                    }
                    if (batch.Count == 0)
                    {
                        await signal.WaitAsync(options.PollInterval, stoppingToken).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
                {
                    return;
                }
#pragma warning disable CA1031 // An outage (database down) must not kill the worker; it logs and tries again.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    if (free > 0)
                    {
                        slots.Release(free);
                    }
                    LogWorkerFailed(logger, ex);
                    try
                    {
                        await Task.Delay(options.PollInterval, time, stoppingToken).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException)
                    {
                        return;
                    }
                }
            }
        }
        finally
        {
            // Sends still in flight end (cancelled ones are not settled: their lease expires and they are sent again);
            // what finished is settled before the worker stops.
            for (var i = 0; i < options.Concurrency; i++)
            {
                await slots.WaitAsync(CancellationToken.None).ConfigureAwait(false);
            }
            finished.Writer.Complete();
            await settler.ConfigureAwait(false);
        }
    }

    private async Task SendAndQueueAsync(Task before, OutboxEntry entry, ChannelWriter<Attempt> finished, SemaphoreSlim slots, CancellationToken cancellationToken)
    {
        try
        {
            await before.ConfigureAwait(false);
            finished.TryWrite(await SendAsync(entry, cancellationToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopping: the message stays claimed until its lease expires, then it is sent again.
        }
#pragma warning disable CA1031 // One message's unexpected failure must not stop the others; its lease expires and it is retried.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogWorkerFailed(logger, ex);
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
            slots.Release();
        }
    }

    /// <summary>
    /// Settles finished sends as they come: everything finished since the last settlement, in one transaction. When that
    /// transaction fails, each attempt is settled again on its own, so one message whose settlement keeps failing (an
    /// observer that throws, say) holds back only itself, not the sends grouped with it.
    /// </summary>
    private async Task SettleLoopAsync(ChannelReader<Attempt> finished)
    {
        await Task.Yield();
        var group = new List<Attempt>(MaxSettleGroup);
        while (await finished.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            group.Clear();
            Drain(finished, group);
            if (group.Count < SettleLingerBelow && Volatile.Read(ref _inFlight) > 0)
            {
                // More sends are about to finish: wait a moment so that they share this commit. It delays only the
                // recording of sends already receipted, never a send, and under load it saves a commit per few messages.
                await Task.Delay(SettleLinger, CancellationToken.None).ConfigureAwait(false);
                Drain(finished, group);
            }
            try
            {
                await SettleAsync(group, CancellationToken.None).ConfigureAwait(false);
                continue;
            }
#pragma warning disable CA1031 // The database may be down, or one settlement may fail: each is tried alone below.
            catch (Exception ex) when (group.Count > 1)
#pragma warning restore CA1031
            {
                LogSettleGroupFailed(logger, group.Count, ex);
            }
#pragma warning disable CA1031 // The database may be down: the messages stay claimed, their lease expires and they are sent again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogSettleFailed(logger, group[0].Entry.Message.MessageId, ex);
                continue;
            }
            foreach (var attempt in group)
            {
                try
                {
                    await SettleAsync([attempt], CancellationToken.None).ConfigureAwait(false);
                }
#pragma warning disable CA1031 // This message stays claimed; its lease expires and it is sent again.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    LogSettleFailed(logger, attempt.Entry.Message.MessageId, ex);
                }
            }
        }
    }

    private static void Drain(ChannelReader<Attempt> finished, List<Attempt> group)
    {
        while (group.Count < MaxSettleGroup && finished.TryRead(out var attempt))
        {
            group.Add(attempt);
        }
    }

    /// <summary>
    /// Settles attempts in one transaction: one commit for many messages, the delivered ones marked in one statement
    /// and their audit entries appended to the chain as one batch at the end.
    /// </summary>
    private Task SettleAsync(IReadOnlyList<Attempt> attempts, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (unit, ct) =>
        {
            var now = time.GetUtcNow();
            var entries = new List<AuditEntry>(attempts.Count * 2);
            var delivered = new List<(long Id, ReadOnlyMemory<byte>? Receipt)>(attempts.Count);
            foreach (var attempt in attempts)
            {
                if (attempt.Outcome.Kind == SendOutcomeKind.Delivered)
                {
                    delivered.Add((attempt.Entry.Id, attempt.Outcome.Receipt));
                }
            }
            var marked = await outbox.MarkDeliveredAsync(unit, delivered, now, ct).ConfigureAwait(false);
            foreach (var attempt in attempts)
            {
                if (attempt.Outcome.Kind != SendOutcomeKind.Delivered)
                {
                    await SettleFailureAsync(unit, attempt.Entry, attempt.Outcome, now, entries, ct).ConfigureAwait(false);
                }
                else if (marked.Contains(attempt.Entry.Id)) // Otherwise another worker settled it after our lease expired.
                {
                    await SettleDeliveredAsync(unit, attempt, now, entries, ct).ConfigureAwait(false);
                }
            }
            await audit.AppendManyAsync(unit, entries, ct).ConfigureAwait(false);
        }, cancellationToken);

    private sealed record Attempt(OutboxEntry Entry, SendOutcome Outcome, DateTimeOffset SentAt);

    private async Task<Attempt> SendAsync(OutboxEntry entry, CancellationToken cancellationToken)
    {
        var message = entry.Message;
        var sentAt = time.GetUtcNow();
        var partner = node.TrustList.FindPartner(message.Partner);
        SendOutcome outcome;
        if (partner is null)
        {
            outcome = SendOutcome.Rejected("caravan:unknown-partner", $"{message.Partner} is not on the trust list.");
        }
        else
        {
            try
            {
                outcome = await sender.SendAsync(entry, partner, cancellationToken).ConfigureAwait(false);
            }
            catch (HttpRequestException ex)
            {
                outcome = SendOutcome.Retry($"{partner.Endpoint} unreachable: {ex.Message}");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                outcome = SendOutcome.Retry($"{partner.Endpoint} did not answer within {options.SendTimeout.TotalSeconds:0} s.");
            }
        }

        return new Attempt(entry, outcome, sentAt);
    }

    private async Task SettleDeliveredAsync(UnitOfWork unit, Attempt attempt, DateTimeOffset now, List<AuditEntry> entries, CancellationToken ct)
    {
        var (entry, outcome, sentAt) = attempt;
        var message = entry.Message;
        var subject = Subject(message);
        entries.Add(Entry(AuditKinds.Sent, sentAt, message, subject, new { partner = message.Partner, message.Service, message.Action, attempt = entry.Attempts, worker = _workerId }));
        entries.Add(Entry(AuditKinds.Receipted, now, message, subject, new { partner = message.Partner, detail = outcome.Detail }));
        foreach (var observer in _observers)
        {
            if (observer.Service == message.Service && observer.Action == message.Action)
            {
                await observer.OnDeliveredAsync(message, unit, ct).ConfigureAwait(false);
            }
        }
        LogDelivered(logger, message.MessageId, message.Partner, message.Action);
    }

    private async Task SettleFailureAsync(UnitOfWork unit, OutboxEntry entry, SendOutcome outcome, DateTimeOffset now, List<AuditEntry> entries, CancellationToken ct)
    {
        var message = entry.Message;
        var subject = Subject(message);
        switch (outcome.Kind)
        {
            case SendOutcomeKind.Retry:
                var failed = await outbox.MarkFailedAsync(unit, entry.Id, outcome.Detail, now, options.RetryPolicy, ct).ConfigureAwait(false);
                if (failed.Outcome == OutboxFailureOutcome.DeadLettered)
                {
                    entries.Add(Entry(AuditKinds.DeadLettered, now, message, subject, new { partner = message.Partner, attempts = failed.Attempts, error = outcome.Detail }));
                    LogDeadLettered(logger, message.MessageId, message.Partner, failed.Attempts, outcome.Detail);
                }
                else if (failed.Outcome == OutboxFailureOutcome.RetryScheduled)
                {
                    entries.Add(Entry(AuditKinds.SendFailed, now, message, subject, new { partner = message.Partner, attempt = failed.Attempts, nextAttemptAt = failed.NextAttemptAt, error = outcome.Detail }));
                    LogRetry(logger, message.MessageId, message.Partner, failed.Attempts, failed.NextAttemptAt, outcome.Detail);
                }
                break;
            case SendOutcomeKind.Rejected:
                if (await outbox.MarkDeadAsync(unit, entry.Id, $"{outcome.ErrorCode}: {outcome.Detail}", ct).ConfigureAwait(false))
                {
                    entries.Add(Entry(AuditKinds.DeadLettered, now, message, subject, new { partner = message.Partner, errorCode = outcome.ErrorCode, error = outcome.Detail }));
                    LogDeadLettered(logger, message.MessageId, message.Partner, entry.Attempts, $"{outcome.ErrorCode}: {outcome.Detail}");
                }
                break;
            default:
                throw new InvalidOperationException($"Unknown outcome {outcome.Kind}.");
        }
    }

    private static string Subject(OutboxMessage message) => $"conversation:{message.ConversationId}";

    private AuditEntry Entry(string kind, DateTimeOffset at, OutboxMessage message, string subject, object details) => new()
    {
        At = at,
        Actor = $"gateway:{node.CountryCode}",
        Kind = kind,
        MessageId = message.MessageId,
        Subject = subject,
        DetailsJson = JsonSerializer.Serialize(details),
    };

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Delivered {MessageId} to {Partner} ({Action}); signed receipt verified")]
    private static partial void LogDelivered(ILogger logger, string messageId, string partner, string action);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Delivery of {MessageId} to {Partner} failed (attempt {Attempt}), retrying at {NextAttemptAt}: {Error}")]
    private static partial void LogRetry(ILogger logger, string messageId, string partner, int attempt, DateTimeOffset? nextAttemptAt, string error);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Dead-lettered {MessageId} to {Partner} after {Attempts} attempt(s): {Error}")]
    private static partial void LogDeadLettered(ILogger logger, string messageId, string partner, int attempts, string error);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Could not record the outcome of sending {MessageId}; it stays claimed until its lease expires and is sent again")]
    private static partial void LogSettleFailed(ILogger logger, string messageId, Exception exception);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Warning, Message = "Could not record the outcomes of {Count} sends together; settling each on its own")]
    private static partial void LogSettleGroupFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 2000, Level = LogLevel.Error, Message = "The delivery worker failed; it will try again")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);
}
