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

    /// <summary>Settles finished sends as they come: everything finished since the last settlement, in one transaction.</summary>
    private async Task SettleLoopAsync(ChannelReader<Attempt> finished)
    {
        await Task.Yield();
        var group = new List<Attempt>(MaxSettleGroup);
        while (await finished.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            group.Clear();
            while (group.Count < MaxSettleGroup && finished.TryRead(out var attempt))
            {
                group.Add(attempt);
            }
            try
            {
                await SettleAsync(group, CancellationToken.None).ConfigureAwait(false);
            }
#pragma warning disable CA1031 // The database may be down: the messages stay claimed, their lease expires and they are sent again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogSettleFailed(logger, group.Count, ex);
            }
        }
    }

    /// <summary>Settles attempts in one transaction: one commit and one turn on the audit chain for many messages.</summary>
    private Task SettleAsync(IReadOnlyList<Attempt> attempts, CancellationToken cancellationToken) =>
        database.InTransactionAsync(async (unit, ct) =>
        {
            foreach (var attempt in attempts)
            {
                await SettleAsync(unit, attempt.Entry, attempt.Outcome, attempt.SentAt, ct).ConfigureAwait(false);
            }
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

    private async Task SettleAsync(UnitOfWork unit, OutboxEntry entry, SendOutcome outcome, DateTimeOffset sentAt, CancellationToken ct)
    {
        var message = entry.Message;
        var now = time.GetUtcNow();
        var subject = $"conversation:{message.ConversationId}";
        switch (outcome.Kind)
        {
            case SendOutcomeKind.Delivered:
                if (!await outbox.MarkDeliveredAsync(unit, entry.Id, outcome.Receipt, now, ct).ConfigureAwait(false))
                {
                    return; // Another worker settled it after our lease expired.
                }
                await AppendAsync(unit, AuditKinds.Sent, sentAt, message, subject, new { partner = message.Partner, message.Service, message.Action, attempt = entry.Attempts, worker = _workerId }, ct).ConfigureAwait(false);
                await AppendAsync(unit, AuditKinds.Receipted, now, message, subject, new { partner = message.Partner, detail = outcome.Detail }, ct).ConfigureAwait(false);
                foreach (var observer in _observers.Where(o => o.Service == message.Service && o.Action == message.Action))
                {
                    await observer.OnDeliveredAsync(message, unit, ct).ConfigureAwait(false);
                }
                LogDelivered(logger, message.MessageId, message.Partner, message.Action);
                break;
            case SendOutcomeKind.Retry:
                var failed = await outbox.MarkFailedAsync(unit, entry.Id, outcome.Detail, now, options.RetryPolicy, ct).ConfigureAwait(false);
                if (failed.Outcome == OutboxFailureOutcome.DeadLettered)
                {
                    await AppendAsync(unit, AuditKinds.DeadLettered, now, message, subject, new { partner = message.Partner, attempts = failed.Attempts, error = outcome.Detail }, ct).ConfigureAwait(false);
                    LogDeadLettered(logger, message.MessageId, message.Partner, failed.Attempts, outcome.Detail);
                }
                else if (failed.Outcome == OutboxFailureOutcome.RetryScheduled)
                {
                    await AppendAsync(unit, AuditKinds.SendFailed, now, message, subject, new { partner = message.Partner, attempt = failed.Attempts, nextAttemptAt = failed.NextAttemptAt, error = outcome.Detail }, ct).ConfigureAwait(false);
                    LogRetry(logger, message.MessageId, message.Partner, failed.Attempts, failed.NextAttemptAt, outcome.Detail);
                }
                break;
            case SendOutcomeKind.Rejected:
                if (await outbox.MarkDeadAsync(unit, entry.Id, $"{outcome.ErrorCode}: {outcome.Detail}", ct).ConfigureAwait(false))
                {
                    await AppendAsync(unit, AuditKinds.DeadLettered, now, message, subject, new { partner = message.Partner, errorCode = outcome.ErrorCode, error = outcome.Detail }, ct).ConfigureAwait(false);
                    LogDeadLettered(logger, message.MessageId, message.Partner, entry.Attempts, $"{outcome.ErrorCode}: {outcome.Detail}");
                }
                break;
            default:
                throw new InvalidOperationException($"Unknown outcome {outcome.Kind}.");
        }
    }

    private Task AppendAsync(UnitOfWork unit, string kind, DateTimeOffset at, OutboxMessage message, string subject, object details, CancellationToken cancellationToken) =>
        audit.EnqueueAsync(unit, new AuditEntry
        {
            At = at,
            Actor = $"gateway:{node.CountryCode}",
            Kind = kind,
            MessageId = message.MessageId,
            Subject = subject,
            DetailsJson = JsonSerializer.Serialize(details),
        }, cancellationToken);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Debug, Message = "Delivered {MessageId} to {Partner} ({Action}); signed receipt verified")]
    private static partial void LogDelivered(ILogger logger, string messageId, string partner, string action);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Warning, Message = "Delivery of {MessageId} to {Partner} failed (attempt {Attempt}), retrying at {NextAttemptAt}: {Error}")]
    private static partial void LogRetry(ILogger logger, string messageId, string partner, int attempt, DateTimeOffset? nextAttemptAt, string error);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Error, Message = "Dead-lettered {MessageId} to {Partner} after {Attempts} attempt(s): {Error}")]
    private static partial void LogDeadLettered(ILogger logger, string messageId, string partner, int attempts, string error);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Error, Message = "Could not record the outcome of {Count} send(s); they stay claimed until their lease expires and are sent again")]
    private static partial void LogSettleFailed(ILogger logger, int count, Exception exception);

    [LoggerMessage(EventId = 2000, Level = LogLevel.Error, Message = "The delivery worker failed; it will try again")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);
}
