using Caravan.Exchange.Audit;

namespace Caravan.Node.Gateway;

/// <summary>Appends pending audit entries to the hash chain as soon as the transactions that wrote them commit.</summary>
public sealed partial class AuditChainer(AuditLog audit, TimeProvider time, ILogger<AuditChainer> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await audit.PendingSignal.WaitAsync(Interval, stoppingToken).ConfigureAwait(false);
                // Let concurrent transactions commit so that one chaining transaction takes them all.
                await Task.Delay(TimeSpan.FromMilliseconds(10), time, stoppingToken).ConfigureAwait(false);
                await audit.ChainPendingAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A database outage must not stop chaining; pending entries stay durable.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogChainingFailed(logger, ex);
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    [LoggerMessage(EventId = 2201, Level = LogLevel.Warning, Message = "Chaining pending audit entries failed; they stay pending and are retried")]
    private static partial void LogChainingFailed(ILogger logger, Exception exception);
}
