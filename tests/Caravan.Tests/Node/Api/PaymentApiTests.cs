using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using Caravan.Documents.Common;
using Caravan.Tests.TestSupport;
using Caravan.Window.Payments;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Tests.Node.Api;

/// <summary>
/// Payments through a real node over HTTP: customs makes orders, the payer pays with the fake provider (which POSTs its
/// signed callback back to the node), and a configured "bank" provider whose key the test holds sends callbacks by hand.
/// </summary>
public sealed class PaymentApiTests : IAsyncLifetime
{
    private static readonly X509Certificate2 Bank = CreateCertificate("CN=Test bank");
    private static readonly X509Certificate2 Impostor = CreateCertificate("CN=Test bank");
    private TestNetwork _network = null!;
    private HttpClient _customs = null!;
    private HttpClient _importerA = null!;
    private HttpClient _importerB = null!;
    private HttpClient _anonymous = null!;

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.StartAsync(["KZ"], configure: o =>
        {
            o.Payments.EnableFakeProvider = true;
            o.Payments.Providers["bank"] = new() { Certificate = Bank.ExportCertificatePem() };
        });
        using var op = _network["KZ"].CreateClient();
        _customs = _network["KZ"].CreateClient(await op.CreatePartyAsync("kz-customs", "KZ customs", "customs"));
        _importerA = _network["KZ"].CreateClient(await op.CreatePartyAsync("importer-a", "Almaty Fresh", "trader"));
        _importerB = _network["KZ"].CreateClient(await op.CreatePartyAsync("importer-b", "Astana Goods", "trader"));
        _anonymous = new HttpClient { BaseAddress = _network["KZ"].BaseUrl };
    }

    public async Task DisposeAsync()
    {
        foreach (var client in new[] { _customs, _importerA, _importerB, _anonymous })
        {
            client.Dispose();
        }
        await _network.DisposeAsync();
    }

    private FakePaymentProvider Fake => _network["KZ"].Services.GetRequiredService<FakePaymentProvider>();

    private Uri CallbackUrl(string provider) => new(_network["KZ"].BaseUrl, $"api/v1/payments/callbacks/{provider}");

    private static X509Certificate2 CreateCertificate(string subject)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256);
        return request.CreateSelfSigned(DateTimeOffset.UnixEpoch.AddYears(50), DateTimeOffset.UnixEpoch.AddYears(80));
    }

    private async Task<string> CreateOrderAsync(string payer, decimal amount, string reference, string currency = "KZT")
    {
        var order = await (await _customs.PostJsonAsync("api/v1/payment-orders",
            new { payerPartyId = payer, purpose = "consignment-duty", reference, amount = new { amount, currency } })).ExpectAsync(201);
        return order["id"]!.GetValue<string>();
    }

    private static byte[] CallbackBody(string transaction, string orderId, decimal amount, string currency = "KZT") =>
        new PaymentCallback(transaction, orderId, new Money(amount, CurrencyCode.Of(currency)), DateTimeOffset.UnixEpoch.AddDays(20_713)).ToJson();

    private async Task<HttpResponseMessage> PostCallbackAsync(string provider, byte[] body, string? signature)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"api/v1/payments/callbacks/{provider}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        if (signature is not null)
        {
            request.Headers.Add(PaymentSignature.HeaderName, signature);
        }
        return await _anonymous.SendAsync(request);
    }

    private async Task<JsonNode> ReconciliationAsync() => await (await _customs.GetAsync("api/v1/payments/reconciliation")).ExpectAsync(200);

    [Fact]
    public async Task CreateThenPayWithTheFakeProvider_TheSignedCallbackMarksTheOrderPaid()
    {
        var id = await CreateOrderAsync("importer-a", 1_250.5m, "KZ-IM-1");
        var open = await (await _importerA.GetAsync($"api/v1/payment-orders/{id}")).ExpectAsync(200);
        Assert.Equal(("open", 1_250.50m), (open["status"]!.GetValue<string>(), open["balance"]!["amount"]!.GetValue<decimal>()));

        await (await _importerB.PostJsonAsync($"api/v1/payment-orders/{id}/pay", new { })).ExpectAsync(404);
        var checkout = await (await _importerA.PostJsonAsync($"api/v1/payment-orders/{id}/pay", new { })).ExpectAsync(202);
        Assert.Equal("fake", checkout["provider"]!.GetValue<string>());

        var paid = await OriginScenario.EventuallyAsync(_importerA, $"api/v1/payment-orders/{id}", o => o["status"]!.GetValue<string>() == "paid");
        Assert.Equal((1_250.50m, 0m), (paid["paid"]!["amount"]!.GetValue<decimal>(), paid["balance"]!["amount"]!.GetValue<decimal>()));
        Assert.Equal(checkout["providerReference"]!.GetValue<string>(), paid["providerReference"]!.GetValue<string>());
        var settlement = Assert.Single((await (await _importerA.GetAsync($"api/v1/payment-orders/{id}/settlements")).ExpectAsync(200)).AsArray())!;
        Assert.Equal(("fake", checkout["providerReference"]!.GetValue<string>(), "applied"),
            (settlement["provider"]!.GetValue<string>(), settlement["providerTransactionId"]!.GetValue<string>(), settlement["outcome"]!.GetValue<string>()));

        var again = await (await _importerA.PostJsonAsync($"api/v1/payment-orders/{id}/pay", new { })).ExpectAsync(409);
        Assert.Equal("payment_order.already_paid", again["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task BadSignatures_Return401NamingTheReason_AndNothingIsRecorded()
    {
        var id = await CreateOrderAsync("importer-a", 100m, "KZ-IM-2");
        var body = CallbackBody("bank-tx-1", id, 100m);
        var signature = PaymentSignature.Sign(body, Bank);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(body).Replace("\"amount\":100", "\"amount\":900", StringComparison.Ordinal));
        Assert.NotEqual(body, tampered);

        Assert.Equal("payment_signature.invalid", (await (await PostCallbackAsync("bank", tampered, signature)).ExpectAsync(401))["code"]!.GetValue<string>());
        Assert.Equal("payment_signature.invalid", (await (await PostCallbackAsync("bank", body, PaymentSignature.Sign(body, Impostor))).ExpectAsync(401))["code"]!.GetValue<string>());
        Assert.Equal("payment_signature.invalid", (await (await PostCallbackAsync("fake", body, signature)).ExpectAsync(401))["code"]!.GetValue<string>());
        Assert.Equal("payment_signature.missing", (await (await PostCallbackAsync("bank", body, null)).ExpectAsync(401))["code"]!.GetValue<string>());
        Assert.Equal("payment_signature.malformed", (await (await PostCallbackAsync("bank", body, "not base64!")).ExpectAsync(401))["code"]!.GetValue<string>());
        Assert.Equal("payment_provider.unknown", (await (await PostCallbackAsync("paypal", body, signature)).ExpectAsync(404))["code"]!.GetValue<string>());

        var order = await (await _customs.GetAsync($"api/v1/payment-orders/{id}")).ExpectAsync(200);
        Assert.Equal((0m, "open"), (order["paid"]!["amount"]!.GetValue<decimal>(), order["status"]!.GetValue<string>()));
        Assert.Empty((await ReconciliationAsync())["unmatched"]!.AsArray());
        Assert.Empty((await (await _customs.GetAsync($"api/v1/payment-orders/{id}/settlements")).ExpectAsync(200)).AsArray());

        // The untouched body with its own signature is believed.
        await (await PostCallbackAsync("bank", body, signature)).ExpectAsync(200);
    }

    [Fact]
    public async Task SameCallbackTwice_IsStoredOnce_AndAnsweredTheSame()
    {
        var id = await CreateOrderAsync("importer-a", 100m, "KZ-IM-3");
        var body = CallbackBody("bank-tx-2", id, 60m);
        var signature = PaymentSignature.Sign(body, Bank);
        var first = await (await PostCallbackAsync("bank", body, signature)).ExpectAsync(200);
        var second = await (await PostCallbackAsync("bank", body, signature)).ExpectAsync(200);
        Assert.Equal(first.ToJsonString(), second.ToJsonString());
        var order = await (await _customs.GetAsync($"api/v1/payment-orders/{id}")).ExpectAsync(200);
        Assert.Equal((60m, "open"), (order["paid"]!["amount"]!.GetValue<decimal>(), order["status"]!.GetValue<string>()));
        Assert.Single((await (await _customs.GetAsync($"api/v1/payment-orders/{id}/settlements")).ExpectAsync(200)).AsArray());

        var reused = CallbackBody("bank-tx-2", id, 40m);
        Assert.Equal("payment_callback.transaction_reused", (await (await PostCallbackAsync("bank", reused, PaymentSignature.Sign(reused, Bank))).ExpectAsync(409))["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task SameCallbackConcurrently_IsStoredOnce_AndEveryAnswerIsTheSame()
    {
        var id = await CreateOrderAsync("importer-a", 100m, "KZ-IM-12");
        foreach (var (orderId, status) in new[] { (id, 200), ("PO-KZ-777777", 202) })
        {
            var body = CallbackBody("bank-tx-" + orderId, orderId, 100m);
            var signature = PaymentSignature.Sign(body, Bank);
            var answers = await Task.WhenAll(Enumerable.Range(0, 6).Select(async _ => (await (await PostCallbackAsync("bank", body, signature)).ExpectAsync(status)).ToJsonString()));
            Assert.Single(answers.Distinct());
        }
        var order = await (await _customs.GetAsync($"api/v1/payment-orders/{id}")).ExpectAsync(200);
        Assert.Equal((100m, "paid"), (order["paid"]!["amount"]!.GetValue<decimal>(), order["status"]!.GetValue<string>()));
        Assert.Single((await ReconciliationAsync())["unmatched"]!.AsArray());
    }

    [Fact]
    public async Task PartialOverAndUnmatchedPayments_ShowInTheReconciliation()
    {
        var partial = await CreateOrderAsync("importer-a", 100m, "KZ-IM-4");
        var over = await CreateOrderAsync("importer-b", 50m, "KZ-IM-5");
        var unpaid = await CreateOrderAsync("importer-b", 75m, "KZ-IM-6");
        var dollars = await CreateOrderAsync("importer-b", 20m, "KZ-IM-7", "USD");

        using (var response = await Fake.SendAsync(CallbackUrl("fake"), new PaymentCallback("f-1", partial, new Money(40m, CurrencyCode.Of("KZT")), DateTimeOffset.UnixEpoch), CancellationToken.None))
        {
            await response.ExpectAsync(200);
        }
        foreach (var (tx, amount) in new[] { ("f-2", 50m), ("f-3", 20.25m) })
        {
            using var response = await Fake.SendAsync(CallbackUrl("fake"), new PaymentCallback(tx, over, new Money(amount, CurrencyCode.Of("KZT")), DateTimeOffset.UnixEpoch), CancellationToken.None);
            await response.ExpectAsync(200);
        }
        using (var response = await Fake.SendAsync(CallbackUrl("fake"), new PaymentCallback("f-4", "PO-KZ-424242", new Money(33m, CurrencyCode.Of("KZT")), DateTimeOffset.UnixEpoch), CancellationToken.None))
        {
            var kept = await response.ExpectAsync(202);
            Assert.Equal("unmatched", kept["outcome"]!.GetValue<string>());
        }
        using (var response = await Fake.SendAsync(CallbackUrl("fake"), new PaymentCallback("f-5", dollars, new Money(20m, CurrencyCode.Of("KZT")), DateTimeOffset.UnixEpoch), CancellationToken.None))
        {
            Assert.Equal("payment_callback.currency_mismatch", (await response.ExpectAsync(422))["code"]!.GetValue<string>());
        }

        var report = await ReconciliationAsync();
        var lines = report["orders"]!.AsArray().ToDictionary(l => l!["orderId"]!.GetValue<string>(), l => l!);
        Assert.Equal(("partially_paid", 60m), (lines[partial]["status"]!.GetValue<string>(), lines[partial]["balance"]!["amount"]!.GetValue<decimal>()));
        Assert.Equal(("over_paid", -20.25m, 2), (lines[over]["status"]!.GetValue<string>(), lines[over]["balance"]!["amount"]!.GetValue<decimal>(), lines[over]["payments"]!.GetValue<int>()));
        Assert.Equal(("unpaid", 75m), (lines[unpaid]["status"]!.GetValue<string>(), lines[unpaid]["balance"]!["amount"]!.GetValue<decimal>()));
        Assert.Equal("unpaid", lines[dollars]["status"]!.GetValue<string>());
        Assert.Equal([dollars, "PO-KZ-424242"], report["unmatched"]!.AsArray().Select(u => u!["claimedOrderId"]!.GetValue<string>()).Order(StringComparer.Ordinal).ToArray());
        var kzt = report["totals"]!.AsArray().Single(t => t!["currency"]!.GetValue<string>() == "KZT")!;
        Assert.Equal((225m, 110.25m, 135m, 20.25m, 53m), (kzt["due"]!["amount"]!.GetValue<decimal>(), kzt["paid"]!["amount"]!.GetValue<decimal>(),
            kzt["outstanding"]!["amount"]!.GetValue<decimal>(), kzt["excess"]!["amount"]!.GetValue<decimal>(), kzt["unmatched"]!["amount"]!.GetValue<decimal>()));
    }

    [Fact]
    public async Task ATrader_SeesOnlyItsOwnOrders_AndCannotMakeOrReconcileThem()
    {
        var mine = await CreateOrderAsync("importer-a", 10m, "KZ-IM-8");
        var theirs = await CreateOrderAsync("importer-b", 20m, "KZ-IM-9");

        Assert.Equal("payment_order.not_found", (await (await _importerA.GetAsync($"api/v1/payment-orders/{theirs}")).ExpectAsync(404))["code"]!.GetValue<string>());
        await (await _importerA.GetAsync($"api/v1/payment-orders/{theirs}/settlements")).ExpectAsync(404);
        var list = (await (await _importerA.GetAsync("api/v1/payment-orders")).ExpectAsync(200)).AsArray().Select(o => o!["id"]!.GetValue<string>()).ToList();
        Assert.Equal([mine], list);
        var all = (await (await _customs.GetAsync("api/v1/payment-orders")).ExpectAsync(200)).AsArray().Select(o => o!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(mine, all);
        Assert.Contains(theirs, all);

        await (await _importerA.PostJsonAsync("api/v1/payment-orders", new { payerPartyId = "importer-a", purpose = "consignment-duty", reference = "x", amount = new { amount = 1m, currency = "KZT" } })).ExpectAsync(403);
        await (await _importerA.GetAsync("api/v1/payments/reconciliation")).ExpectAsync(403);
    }

    [Fact]
    public async Task CreateOrder_BadInputAndSecondOpenOrder_AreProblems()
    {
        var invalid = await (await _customs.PostJsonAsync("api/v1/payment-orders",
            new { payerPartyId = "nobody", purpose = "consignment-duty", reference = "KZ-IM-10", amount = new { amount = 10m, currency = "KZT" } })).ExpectAsync(422);
        Assert.Equal("payment_order.payer_unknown", invalid["code"]!.GetValue<string>());
        var first = await CreateOrderAsync("importer-a", 10m, "KZ-IM-11");
        Assert.Equal(first, await CreateOrderAsync("importer-a", 10m, "KZ-IM-11"));
        var conflict = await (await _customs.PostJsonAsync("api/v1/payment-orders",
            new { payerPartyId = "importer-b", purpose = "consignment-duty", reference = "KZ-IM-11", amount = new { amount = 10m, currency = "KZT" } })).ExpectAsync(409);
        Assert.Equal("payment_order.open_exists", conflict["code"]!.GetValue<string>());
    }
}
