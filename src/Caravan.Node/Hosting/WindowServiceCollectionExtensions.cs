using Caravan.Window.Consignments;
using Caravan.Window.Notifications;
using Caravan.Window.Requirements;

namespace Caravan.Node.Hosting;

/// <summary>Wires the single window: the requirements matrix, consignments and their observers, mandates, webhooks.</summary>
public static class WindowServiceCollectionExtensions
{
    public static IServiceCollection AddWindow(this IServiceCollection services)
    {
        services.AddSingleton<RequirementMatrixStore>();
        services.AddSingleton<MandateStore>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<IConsignmentObserver, TraderNotifier>();
        services.AddSingleton<ConsignmentWorkflow>();
        services.AddHttpClient(nameof(WebhookDeliveryWorker), client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddHostedService(sp => new WebhookDeliveryWorker(
            sp.GetRequiredService<Caravan.Storage.CaravanDatabase>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(WebhookDeliveryWorker)),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WebhookDeliveryWorker>>()));
        return services;
    }
}
