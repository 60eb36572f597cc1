using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Caravan.Node.Configuration;
using Caravan.Node.Hosting;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Node.Configuration;

/// <summary>The Payments section: providers' certificates by path or PEM, checked at start naming the setting; checkout only where enabled.</summary>
public sealed class PaymentsConfigurationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caravan-payments-config-" + Guid.NewGuid().ToString("N"));

    public PaymentsConfigurationTests() => Directory.CreateDirectory(_folder);

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string BankPem()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var certificate = new CertificateRequest("CN=Bank", key, HashAlgorithmName.SHA256).CreateSelfSigned(DateTimeOffset.UnixEpoch.AddYears(50), DateTimeOffset.UnixEpoch.AddYears(80));
        return certificate.ExportCertificatePem();
    }

    private NodeOptions Load(string payments)
    {
        var path = Path.Combine(_folder, "node.json");
        File.WriteAllText(path, $$"""{"Country":{"Code":"KZ","Name":"Kazakhstan"},"PublicBaseUrl":"http://127.0.0.1:5999","DataFolder":"data","Payments":{{payments}}}""");
        return NodeConfigurationLoader.Load(path);
    }

    [Fact]
    public void ProviderCertificatePaths_AreRelativeToTheFile_AndInlinePemIsKept()
    {
        File.WriteAllText(Path.Combine(_folder, "bank.pem"), BankPem());
        var inline = BankPem().ReplaceLineEndings("\\n");
        var options = Load($$$"""{"Providers":{"bank":{"Certificate":"bank.pem"},"card":{"Certificate":"{{{inline}}}"}},"CheckoutProvider":"bank"}""");
        Assert.Equal(Path.Combine(_folder, "bank.pem"), options.Payments.Providers["bank"].Certificate);
        Assert.True(options.Payments.Providers["card"].IsInlinePem);
        Assert.Empty(NodeOptionsValidator.Validate(options));
    }

    [Fact]
    public void BadProviders_AreRefused_NamingEachSetting()
    {
        var options = Load("""{"EnableFakeProvider":true,"Providers":{"Bank!":{"Certificate":"missing.pem"},"fake":{"Certificate":"x.pem"},"card":{}},"CheckoutProvider":"paypal"}""");
        var errors = NodeOptionsValidator.Validate(options);
        Assert.Contains(errors, e => e.StartsWith("Payments:Providers:Bank!: a provider name", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Payments:Providers:Bank!:Certificate: file", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Payments:Providers:fake: the name 'fake'", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Payments:Providers:card:Certificate: is required", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Payments:CheckoutProvider: 'paypal'", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ACertificateThatDoesNotRead_StopsStartUp_NamingTheProvider()
    {
        File.WriteAllText(Path.Combine(_folder, "bank.pem"), "not a certificate");
        var options = Load("""{"Providers":{"bank":{"Certificate":"bank.pem"}}}""");
        var refused = await Assert.ThrowsAsync<NodeConfigurationException>(() => NodeHost.BuildAsync(options));
        Assert.StartsWith("Payments:Providers:bank:Certificate: not a PEM or DER X.509 certificate", Assert.Single(refused.Errors), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutACheckoutProvider_PayingThroughTheApiIsNotOffered()
    {
        await using var network = await TestNetwork.StartAsync(["KZ"]);
        using var op = network["KZ"].CreateClient();
        using var customs = network["KZ"].CreateClient(await op.CreatePartyAsync("kz-customs", "KZ customs", "customs"));
        using var importer = network["KZ"].CreateClient(await op.CreatePartyAsync("importer-a", "Almaty Fresh", "trader"));
        var order = await (await customs.PostJsonAsync("api/v1/payment-orders",
            new { payerPartyId = "importer-a", purpose = "consignment-duty", reference = "KZ-IM-1", amount = new { amount = 5m, currency = "KZT" } })).ExpectAsync(201);
        var refused = await (await importer.PostJsonAsync($"api/v1/payment-orders/{order["id"]!.GetValue<string>()}/pay", new { })).ExpectAsync(404);
        Assert.Equal("payment_checkout.disabled", refused["code"]!.GetValue<string>());
        using var anonymous = new HttpClient { BaseAddress = network["KZ"].BaseUrl };
        var unknown = await (await anonymous.PostAsync("api/v1/payments/callbacks/fake", new StringContent("{}"))).ExpectAsync(404);
        Assert.Equal("payment_provider.unknown", unknown["code"]!.GetValue<string>());
    }
}
