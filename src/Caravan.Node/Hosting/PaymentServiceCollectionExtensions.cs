using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Caravan.Node.Configuration;
using Caravan.Window.Payments;

namespace Caravan.Node.Hosting;

/// <summary>
/// Wires payments: orders and the ledger, the trusted providers' certificates (read at start; a bad one stops the node
/// naming it), and the fake provider when <see cref="PaymentsOptions.EnableFakeProvider"/> is set. A real provider's
/// adapter is an <see cref="IPaymentProvider"/> singleton registered by the host; modules that wait for payments register
/// <see cref="IPaymentSettledHandler"/>s.
/// </summary>
public static class PaymentServiceCollectionExtensions
{
    public static IServiceCollection AddPayments(this IServiceCollection services, NodeRuntime runtime)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        var options = runtime.Options.Payments;
        var certificates = LoadCertificates(options);
        services.AddSingleton<PaymentOrderStore>();
        services.AddSingleton<PaymentLedger>();
        if (options.EnableFakeProvider)
        {
            services.AddHttpClient(nameof(FakePaymentProvider), client => client.Timeout = TimeSpan.FromSeconds(30));
            services.AddSingleton(sp => new FakePaymentProvider(
                sp.GetRequiredService<IHttpClientFactory>().CreateClient(nameof(FakePaymentProvider)),
                sp.GetRequiredService<TimeProvider>(),
                sp.GetRequiredService<ILogger<FakePaymentProvider>>()));
            services.AddSingleton<IPaymentProvider>(sp => sp.GetRequiredService<FakePaymentProvider>());
        }
        services.AddSingleton(sp =>
        {
            var trusted = new Dictionary<string, X509Certificate2>(certificates, StringComparer.Ordinal);
            if (options.EnableFakeProvider)
            {
                trusted[PaymentsOptions.FakeProviderName] = sp.GetRequiredService<FakePaymentProvider>().Certificate;
            }
            return new PaymentProviderTrust(trusted, sp.GetRequiredService<TimeProvider>());
        });
        return services;
    }

    /// <summary>The URL a provider reports settlements to: {PublicBaseUrl}api/v1/payments/callbacks/{provider}.</summary>
    public static Uri CallbackUrl(this NodeRuntime runtime, string provider)
    {
        ArgumentNullException.ThrowIfNull(runtime);
        return new Uri(runtime.PublicBaseUrl, "api/v1/payments/callbacks/" + Uri.EscapeDataString(provider));
    }

    private static Dictionary<string, X509Certificate2> LoadCertificates(PaymentsOptions options)
    {
        var certificates = new Dictionary<string, X509Certificate2>(StringComparer.Ordinal);
        var errors = new List<string>();
        foreach (var (name, provider) in options.Providers)
        {
            try
            {
                certificates[name] = provider.IsInlinePem
                    ? X509Certificate2.CreateFromPem(provider.Certificate)
                    : PartnerLoader.LoadCertificate(provider.Certificate);
            }
            catch (CryptographicException ex)
            {
                errors.Add($"Payments:Providers:{name}:Certificate: not a PEM or DER X.509 certificate ({ex.Message}).");
            }
        }
        if (errors.Count > 0)
        {
            throw new NodeConfigurationException(errors);
        }
        return certificates;
    }
}
