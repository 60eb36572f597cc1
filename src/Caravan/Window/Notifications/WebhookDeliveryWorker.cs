using System.Text;
using Caravan.Storage;
using Dapper;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Caravan.Window.Notifications;

/// <summary>
/// Posts queued webhook deliveries, signed (<see cref="WebhookStore.Sign"/>), retrying with exponential backoff up to
/// <see cref="MaxAttempts"/> attempts; a delivery that never succeeds is marked failed (visible, never silently lost).
/// </summary>
public sealed partial class WebhookDeliveryWorker(CaravanDatabase database, HttpClient http, TimeProvider time, ILogger<WebhookDeliveryWorker> logger) : BackgroundService
{
    public const int MaxAttempts = 8;
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(500);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                if (await RunOnceAsync(stoppingToken).ConfigureAwait(false) == 0)
                {
                    await Task.Delay(PollInterval, time, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
#pragma warning disable CA1031 // A database outage must not stop the worker.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                LogWorkerFailed(logger, ex);
                await Task.Delay(PollInterval, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = await database.ReadAsync(async (c, ct) => (await c.QueryAsync<Due>(new CommandDefinition(
            """
            select d.id as Id, d.event_json as EventJson, d.attempts as Attempts, w.url as Url, w.secret as Secret
            from webhook_deliveries d join webhooks w on w.party_id = d.party_id
            where d.status = 'pending' and d.next_attempt_at_ms <= @now order by d.next_attempt_at_ms limit 20
            """,
            new { now = now.ToUnixTimeMilliseconds() }, cancellationToken: ct)).ConfigureAwait(false)).ToList(), cancellationToken).ConfigureAwait(false);
        foreach (var delivery in due)
        {
            string? error = null;
            try
            {
                var body = Encoding.UTF8.GetBytes(delivery.EventJson);
                using var request = new HttpRequestMessage(HttpMethod.Post, delivery.Url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
                request.Headers.Add("Caravan-Signature", WebhookStore.Sign(delivery.Secret, time.GetUtcNow().ToUnixTimeSeconds(), body));
                request.Headers.Add("Caravan-Delivery", delivery.Id);
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                if (!response.IsSuccessStatusCode)
                {
                    error = $"HTTP {(int)response.StatusCode}";
                }
            }
            catch (HttpRequestException ex)
            {
                error = ex.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                error = "timed out";
            }
            var attempts = delivery.Attempts + 1;
            var at = time.GetUtcNow();
            await database.InTransactionAsync((unit, ct) => unit.Connection.ExecuteAsync(new CommandDefinition(
                error is null
                    ? "update webhook_deliveries set status = 'delivered', attempts = @attempts, delivered_at_ms = @at, last_error = null where id = @id"
                    : "update webhook_deliveries set status = @status, attempts = @attempts, next_attempt_at_ms = @next, last_error = @error where id = @id",
                new
                {
                    id = delivery.Id,
                    attempts,
                    at = at.ToUnixTimeMilliseconds(),
                    status = attempts >= MaxAttempts ? "failed" : "pending",
                    next = (at + TimeSpan.FromSeconds(Math.Min(300, Math.Pow(2, attempts)))).ToUnixTimeMilliseconds(),
                    error,
                }, unit.Transaction, cancellationToken: ct)), cancellationToken).ConfigureAwait(false);
            if (error is not null)
            {
                LogDeliveryFailed(logger, delivery.Id, attempts, error);
            }
        }
        return due.Count;
    }

    private sealed class Due
    {
        public string Id { get; set; } = "";
        public string EventJson { get; set; } = "";
        public int Attempts { get; set; }
        public string Url { get; set; } = "";
        public string Secret { get; set; } = "";
    }

    [LoggerMessage(EventId = 3001, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} failed (attempt {Attempt}): {Error}")]
    private static partial void LogDeliveryFailed(ILogger logger, string deliveryId, int attempt, string error);

    [LoggerMessage(EventId = 3000, Level = LogLevel.Error, Message = "The webhook worker failed; it will try again")]
    private static partial void LogWorkerFailed(ILogger logger, Exception exception);
}
