using System.Text.Json;
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var delivered = await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                if (delivered == 0)
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
                LogWorkerFailed(logger, ex);
                await Task.Delay(options.PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Claims one batch of due messages and settles each; returns how many were claimed.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var batch = await outbox.ClaimDueAsync(_workerId, options.BatchSize, time.GetUtcNow(), options.Lease, cancellationToken).ConfigureAwait(false);
        if (batch.Count == 0)
        {
            return 0;
        }
        var attempts = new (OutboxEntry Entry, SendOutcome Outcome, DateTimeOffset SentAt)[batch.Count];
        await Parallel.ForEachAsync(Enumerable.Range(0, batch.Count), new ParallelOptions { MaxDegreeOfParallelism = options.Concurrency, CancellationToken = cancellationToken },
            async (i, ct) => attempts[i] = await SendAsync(batch[i], ct).ConfigureAwait(false)).ConfigureAwait(false);
        // The whole batch is settled in one transaction: one commit and one turn on the audit chain for many messages.
        await database.InTransactionAsync(async (unit, ct) =>
        {
            foreach (var (entry, outcome, sentAt) in attempts)
            {
                await SettleAsync(unit, entry, outcome, sentAt, ct).ConfigureAwait(false);
            }
        }, cancellationToken).ConfigureAwait(false);
        return batch.Count;
    }

    private async Task<(OutboxEntry, SendOutcome, DateTimeOffset)> SendAsync(OutboxEntry entry, CancellationToken cancellationToken)
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

        return (entry, outcome, sentAt);
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

    [LoggerMessage(EventId = 2000, Level = LogLevel.Error, Message = "The delivery worker failed; it will try again")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);
}
