using Caravan.Exchange.Gateway;
using Caravan.Window.Acdd;
using Caravan.Window.Certificates;
using Caravan.Window.Consignments;
using Caravan.Window.Duty;
using Caravan.Window.Risk;
using Caravan.Window.Notifications;
using Caravan.Window.Phyto;
using Caravan.Window.Requirements;

namespace Caravan.Node.Hosting;

/// <summary>Wires the single window: the requirements matrix, consignments and their observers, mandates, webhooks, and the ePhyto workflow (issued by approving a phytosanitary task).</summary>
public static class WindowServiceCollectionExtensions
{
    public static IServiceCollection AddWindow(this IServiceCollection services)
    {
        services.AddSingleton<RequirementMatrixStore>();
        services.AddSingleton<MandateStore>();
        services.AddSingleton<WebhookStore>();
        services.AddSingleton<IConsignmentObserver, TraderNotifier>();
        services.AddSingleton<PhytoWorkflow>();
        services.AddSingleton<ITaskApprovalHandler>(sp => sp.GetRequiredService<PhytoWorkflow>());
        services.AddSingleton<IInboundMessageHandler, PhytoCertificateHandler>();
        services.AddSingleton<IDeliveryObserver>(sp => ActivatorUtilities.CreateInstance<CertificateSentObserver>(sp, As4Services.Phyto));
        services.AddSingleton<AcddStore>();
        services.AddSingleton<AcddLinker>();
        services.AddSingleton<IConsignmentObserver, AcddPublisher>();
        services.AddSingleton<IInboundMessageHandler, AcddHandler>();
        services.AddSingleton<TariffStore>();
        services.AddSingleton<DutyService>();
        services.AddSingleton<RiskRuleStore>();
        services.AddSingleton<RiskFeedback>();
        services.AddSingleton<ConsignmentRisk>();
        services.AddSingleton<Caravan.Window.Parcels.ParcelLane>();
        services.AddSingleton<Caravan.Window.Parcels.ParcelAccounts>();
        services.AddSingleton<Caravan.Window.Parcels.ParcelDecisions>();
        services.AddSingleton<Caravan.Window.Parcels.ParcelReturns>();
        services.AddSingleton<Caravan.Window.Parcels.ParcelDeclarations>();
        services.AddSingleton<Caravan.Window.Parcels.ParcelExplanation>();
        services.AddSingleton<Caravan.Window.Parcels.ParcelDeclarationPayments>();
        services.AddSingleton<Caravan.Window.Payments.IPaymentSettledHandler>(sp => sp.GetRequiredService<Caravan.Window.Parcels.ParcelDeclarationPayments>());
        services.AddSingleton<ConsignmentWorkflow>();
        services.AddSingleton<ConsignmentAttachments>();
        services.AddHttpClient(nameof(WebhookDeliveryWorker), client => client.Timeout = TimeSpan.FromSeconds(10));
        services.AddHostedService(sp => new WebhookDeliveryWorker(
            sp.GetRequiredService<Caravan.Storage.CaravanDatabase>(),
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(WebhookDeliveryWorker)),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<WebhookDeliveryWorker>>()));
        return services;
    }
}
