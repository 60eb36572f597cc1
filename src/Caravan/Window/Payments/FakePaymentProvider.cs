using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Logging;

namespace Caravan.Window.Payments;

/// <summary>
/// A stand-in payment provider for the demo and tests, behind the same interface and the same verification path as a
/// real one: it makes its own ECDSA P-256 key and self-signed certificate when created (kept in memory only; the node
/// trusts <see cref="Certificate"/> under the name <c>fake</c>), and "takes" a payment by POSTing the signed callback
/// over HTTP to the node. A checkout pays the order's whole balance at once, just after <see cref="StartAsync"/> returns,
/// retrying a few times while the node answers 5xx or cannot be reached. <see cref="SendAsync"/> sends any callback
/// (a partial, an over-payment, an unknown order) for demos and tests.
/// </summary>
public sealed partial class FakePaymentProvider : IPaymentProvider, IAsyncDisposable
{
    public const string ProviderName = "fake";
    private const int MaxAttempts = 5;

    private readonly X509Certificate2 _signer;
    private readonly HttpClient _http;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, bool> _deliveries = new();
    private int _disposed;

    public FakePaymentProvider(HttpClient http, TimeProvider time, ILogger<FakePaymentProvider> logger)
    {
        ArgumentNullException.ThrowIfNull(time);
        _http = http ?? throw new ArgumentNullException(nameof(http));
        _time = time;
        _logger = logger ?? throw new ArgumentNullException(nameof(logger));
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Caravan fake payment provider, O=Caravan demo", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, critical: true));
        var now = time.GetUtcNow();
        _signer = request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
        Certificate = X509CertificateLoader.LoadCertificate(_signer.RawData);
    }

    public string Name => ProviderName;

    /// <summary>The provider's public certificate: what a node configures to trust its callbacks.</summary>
    public X509Certificate2 Certificate { get; }

    public string ExportCertificatePem() => Certificate.ExportCertificatePem();

    public Task<ProviderCheckout> StartAsync(PaymentOrder order, Uri callbackUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(callbackUrl);
        var reference = "fake-" + Guid.NewGuid().ToString("N");
        var callback = new PaymentCallback(reference, order.Id, order.Balance, _time.GetUtcNow());
        // The delivery runs on its own, outside the caller's flow (and its open transaction), as a provider's would.
        Task delivery;
        using (ExecutionContext.SuppressFlow())
        {
            delivery = Task.Run(() => DeliverAsync(callbackUrl, callback, _stopping.Token), CancellationToken.None);
        }
        _deliveries.TryAdd(delivery, true);
        delivery.ContinueWith(t => _deliveries.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        return Task.FromResult(new ProviderCheckout(ProviderName, order.Id, reference, null));
    }

    /// <summary>The body and <see cref="PaymentSignature.HeaderName"/> value this provider would send for a callback.</summary>
    public (byte[] Body, string Signature) Sign(PaymentCallback callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var body = callback.ToJson();
        return (body, PaymentSignature.Sign(body, _signer));
    }

    /// <summary>POSTs one signed callback to <paramref name="callbackUrl"/> and returns the node's answer (the caller disposes it).</summary>
    public async Task<HttpResponseMessage> SendAsync(Uri callbackUrl, PaymentCallback callback, CancellationToken cancellationToken)
    {
        var (body, signature) = Sign(callback);
        using var request = new HttpRequestMessage(HttpMethod.Post, callbackUrl) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add(PaymentSignature.HeaderName, signature);
        return await _http.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits for the callbacks of the checkouts started so far to be delivered (or given up).</summary>
    public Task WhenIdleAsync() => Task.WhenAll(_deliveries.Keys);

    /// <summary>Stops pending deliveries and forgets the key; safe to call more than once (the container may).</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await WhenIdleAsync().ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Deliveries stop when the provider does.
        }
        _stopping.Dispose();
        _signer.Dispose();
        Certificate.Dispose();
    }

    private async Task DeliverAsync(Uri callbackUrl, PaymentCallback callback, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            string problem;
            try
            {
                using var response = await SendAsync(callbackUrl, callback, cancellationToken).ConfigureAwait(false);
                if ((int)response.StatusCode < 500)
                {
                    LogDelivered(_logger, callback.ProviderTransactionId, callback.OrderId, (int)response.StatusCode);
                    return;
                }
                problem = $"HTTP {(int)response.StatusCode}";
            }
            catch (HttpRequestException ex)
            {
                problem = ex.Message;
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                problem = "timed out";
            }
            if (attempt >= MaxAttempts)
            {
                LogGaveUp(_logger, callback.ProviderTransactionId, callback.OrderId, problem);
                return;
            }
            await Task.Delay(TimeSpan.FromMilliseconds(200 * attempt), _time, cancellationToken).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 4001, Level = LogLevel.Information, Message = "Fake payment provider: callback {TransactionId} for order {OrderId} answered {Status}")]
    private static partial void LogDelivered(ILogger logger, string transactionId, string orderId, int status);

    [LoggerMessage(EventId = 4002, Level = LogLevel.Warning, Message = "Fake payment provider: gave up delivering callback {TransactionId} for order {OrderId}: {Problem}")]
    private static partial void LogGaveUp(ILogger logger, string transactionId, string orderId, string problem);
}
