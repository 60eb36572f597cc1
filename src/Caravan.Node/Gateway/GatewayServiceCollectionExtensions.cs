using Caravan.Exchange.Audit;
using Caravan.Exchange.Gateway;
using Caravan.Exchange.Inbox;
using Caravan.Exchange.Outbox;
using Caravan.Node.Hosting;
using Caravan.Window.Certificates;
using Caravan.Window.Origin;

namespace Caravan.Node.Gateway;

/// <summary>Wires the gateway (outbox, inbox, audit, AS4 sender and receiver, delivery worker) and the business handlers.</summary>
public static class GatewayServiceCollectionExtensions
{
    public static IServiceCollection AddGateway(this IServiceCollection services, NodeRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var delivery = runtime.Options.Delivery;
        services.AddSingleton(new NodeContext(runtime.CountryCode, runtime.Options.Country.Name, runtime.Identity, runtime.TrustList)
        {
            NationalCurrency = runtime.Options.Country.Currency,
        });
        services.AddSingleton(new GatewayOptions
        {
            RetryPolicy = new RetryPolicy(delivery.InitialDelay, 2.0, delivery.MaxDelay, delivery.MaxAttempts),
            BatchSize = delivery.BatchSize,
            PollInterval = delivery.PollInterval,
            SendTimeout = delivery.SendTimeout,
            Concurrency = delivery.Concurrency,
            Lease = delivery.Lease,
            ContentKeyReuse = new Caravan.Exchange.As4.Security.ContentKeyReuse(delivery.EncryptionKeyMessages, delivery.EncryptionKeyLifetime),
        });
        services.AddSingleton<DeliverySignal>();
        services.AddSingleton(sp => new OutboxStore(sp.GetRequiredService<Caravan.Storage.CaravanDatabase>(), Random.Shared, sp.GetRequiredService<DeliverySignal>().Notify));
        services.AddSingleton<InboxStore>();
        services.AddSingleton<AuditLog>();
        services.AddSingleton<AuditVerifier>();
        services.AddSingleton<CertificateStore>();
        services.AddSingleton<OriginWorkflow>();
        services.AddSingleton<IInboundMessageHandler, IssueCertificateHandler>();
        services.AddSingleton<CertificateLifecycle>();
        services.AddSingleton<IInboundMessageHandler, CertificateStatusNoticeHandler>();
        services.AddSingleton<IInboundMessageHandler, DocumentDeliveryHandler>();
        services.AddSingleton<IDeliveryObserver>(sp => ActivatorUtilities.CreateInstance<CertificateSentObserver>(sp, As4Services.Origin));
        services.AddHttpClient<As4Sender>(client => client.Timeout = delivery.SendTimeout)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                MaxConnectionsPerServer = 64,
                AutomaticDecompression = System.Net.DecompressionMethods.None,
            });
        services.AddSingleton<As4Receiver>();
        services.AddHostedService<OutboxDeliveryWorker>();
        services.AddHostedService<AuditChainer>();
        services.AddHostedService<RevocationRefresher>();
        return services;
    }
}
