using Caravan.Trust;

namespace Caravan.Node.Gateway;

/// <summary>Re-reads the revocation list every few seconds, so a revocation made through another process of the same node takes effect here too.</summary>
public sealed partial class RevocationRefresher(RevocationStore revocations, TimeProvider time, ILogger<RevocationRefresher> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(5);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Interval, time, stoppingToken).ConfigureAwait(false);
                await revocations.RefreshAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A database outage must not stop the refresher; the last list stays in force.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogRefreshFailed(logger, ex);
            }
        }
    }

    [LoggerMessage(EventId = 1101, Level = LogLevel.Warning, Message = "Could not refresh the revocation list; the previous list stays in force")]
    private static partial void LogRefreshFailed(ILogger logger, Exception exception);
}
