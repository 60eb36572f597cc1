using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Caravan.Customs.Parcels;
using Caravan.Tests.Portal;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Node.Network;

/// <summary>
/// The e-commerce lane on a real KZ node over HTTP: batches in JSON lines and CSV with per-line errors, duplicates
/// stored once, de minimis, the three collection models (a registration that does not hold falls back), risk holds,
/// guarantee holds, customs decisions with feedback, returns refunded once, consolidated declarations per month with
/// closed periods, statistics, and each operator seeing only its own parcels.
/// </summary>
public sealed class ParcelLaneTests : IAsyncLifetime
{
    internal const string Tariff = """
        code,valid_from,valid_to,mfn,vat_percent,excise,preferences
        42,2026-01-01,,10,12,,
        61,2026-01-01,,10,12,,
        6109,2026-01-01,,15,12,,
        85,2026-01-01,,5,12,,
        95,2026-01-01,,0,12,,
        """;

    private readonly ManualTime _time = new(new DateTimeOffset(2026, 11, 20, 10, 0, 0, TimeSpan.Zero));
    private TestNetwork _network = null!;
    private HttpClient _operator = null!;
    private HttpClient _shop = null!;
    private HttpClient _courier = null!;
    private HttpClient _customs = null!;
    private string _registration = "";

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.StartAsync(["KZ"], _time, o => o.Payments.EnableFakeProvider = true);
        _operator = _network["KZ"].CreateClient();
        _shop = _network["KZ"].CreateClient(await _operator.CreatePartyAsync("shopzone", "ShopZone Marketplace", "parcel_operator"));
        _courier = _network["KZ"].CreateClient(await _operator.CreatePartyAsync("swift-express", "Swift Express", "parcel_operator"));
        _customs = _network["KZ"].CreateClient(await _operator.CreatePartyAsync("kz-parcel-customs", "KZ customs, e-commerce", "customs"));
        using (var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/tariff/versions") { Content = new StringContent(Tariff, Encoding.UTF8, "text/csv") })
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            await (await _operator.SendAsync(request)).ExpectAsync(201);
        }
        await (await _operator.PostJsonAsync("api/v1/exchange-rates", new[] { new { currency = "USD", validFrom = "2026-01-01", nationalPerUnit = 500m } })).ExpectAsync(201);
        await (await _operator.PostJsonAsync("api/v1/parcels/settings", new { dutyDeMinimis = 50_000m, valueBands = new[] { 10_000m, 50_000m, 100_000m } })).ExpectAsync(200);
        _registration = RegistrationNumber.Create(4242);
        await (await _operator.PostJsonAsync("api/v1/parcels/registrations", new { number = _registration, partyId = "shopzone", platform = "shopzone", validFrom = "2026-01-01" })).ExpectAsync(201);
        await (await _customs.PostJsonAsync("api/v1/parcels/guarantees/shopzone", new { amount = 1_000_000m })).ExpectAsync(200);
        await (await _customs.PostJsonAsync("api/v1/parcels/guarantees/swift-express", new { amount = 20_000m })).ExpectAsync(200);
    }

    public async Task DisposeAsync()
    {
        _operator.Dispose();
        await _network.DisposeAsync();
    }

    internal static async Task<JsonNode> PushAsync(HttpClient client, string body, string mediaType, int expected = 200)
    {
        using var content = new StringContent(body, Encoding.UTF8);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return await (await client.PostAsync("api/v1/parcels/batches", content)).ExpectAsync(expected);
    }

    internal static string Line(string tracking, string description, decimal value, string collection, string? hs = "610910", string platform = "shopzone",
        string? registration = null, string origin = "CN", decimal weight = 0.4m, string? saleDate = null, decimal quantity = 1m) =>
        new JsonObject
        {
            ["trackingId"] = tracking,
            ["platform"] = platform,
            ["seller"] = "Shenzhen Goods Co",
            ["buyer"] = "A. Buyer, Almaty",
            ["description"] = description,
            ["hsCode"] = hs,
            ["quantity"] = quantity,
            ["value"] = value,
            ["currency"] = "USD",
            ["origin"] = origin,
            ["weightKg"] = weight,
            ["collection"] = collection,
            ["registration"] = registration,
            ["saleDate"] = saleDate,
        }.ToJsonString();

    private static JsonNode ParcelOnLine(JsonNode batch, int line) => batch["parcels"]!.AsArray().Single(p => p!["line"]!.GetValue<int>() == line)!;

    [Fact]
    public async Task Batch_AcceptsGoodLines_ListsBadOnesWithLineAndReason_AndComputesDeMinimisAndCollection()
    {
        var body = string.Join('\n',
            Line("T1", "Cotton T-shirt", 40m, "consumer"), // 20,000 KZT: under the duty de minimis (50,000), VAT still due
            Line("T2", "Cotton T-shirts, pack of ten", 300m, "vendor", registration: _registration), // 150,000 KZT: duty and VAT, collected at sale
            "{\"trackingId\":\"T3\",\"platform\":\"shopzone\"", // malformed JSON
            Line("T4", "Wireless headphones", 120m, "intermediary", hs: "851830", origin: "XX"), // unknown origin
            Line("T5", "Leather wallet", 100m, "vendor", hs: "420232", registration: RegistrationNumber.Create(777)), // well formed, not registered: falls back
            Line("T6", "Kids' plastic toy cars", 10m, "consumer", hs: null), // no code: suggested from the description
            Line("T7", "xqzv blorf", 10m, "consumer", hs: null)); // no code, none to suggest
        var batch = await PushAsync(_shop, body, "application/x-ndjson");

        Assert.Equal(7, batch["lines"]!.GetValue<int>());
        Assert.Equal(4, batch["accepted"]!.GetValue<int>());
        Assert.Equal(3, batch["rejected"]!.GetValue<int>());
        Assert.Equal("950300", ParcelOnLine(batch, 6)["hsCode"]!.GetValue<string>());
        Assert.Contains("'toy'", ParcelOnLine(batch, 6)["hsSuggestion"]!.GetValue<string>(), StringComparison.Ordinal);
        var errors = batch["errors"]!.AsArray();
        Assert.Contains(errors, e => e!["line"]!.GetValue<int>() == 3 && e["code"]!.GetValue<string>() == "json.malformed");
        Assert.Contains(errors, e => e!["line"]!.GetValue<int>() == 4 && e["field"]!.GetValue<string>() == "origin" && e["trackingId"]!.GetValue<string>() == "T4");
        Assert.Contains(errors, e => e!["line"]!.GetValue<int>() == 7 && e["field"]!.GetValue<string>() == "hsCode");

        var t1 = ParcelOnLine(batch, 1);
        Assert.Equal(0m, t1["duty"]!.GetValue<decimal>());
        Assert.Equal(2_400m, t1["tax"]!.GetValue<decimal>()); // 12% of 20,000
        Assert.Equal("delivery", t1["collectAt"]!.GetValue<string>());
        Assert.Equal("release", t1["decision"]!.GetValue<string>());

        var t2 = ParcelOnLine(batch, 2);
        Assert.Equal(22_500m, t2["duty"]!.GetValue<decimal>()); // 15% of 150,000 (heading 6109 overrides chapter 61)
        Assert.Equal(20_700m, t2["tax"]!.GetValue<decimal>()); // 12% of 172,500
        Assert.Equal("sale", t2["collectAt"]!.GetValue<string>());
        Assert.Equal("shopzone", t2["liablePartyId"]!.GetValue<string>());

        var t5 = ParcelOnLine(batch, 5);
        Assert.Equal("consumer", t5["collection"]!.GetValue<string>());
        Assert.Contains("not registered", t5["note"]!.GetValue<string>(), StringComparison.Ordinal);

        // The working of a parcel's charges is shown on request.
        var parcel = await (await _shop.GetAsync($"api/v1/parcels/{t2["parcelId"]!.GetValue<string>()}")).ExpectAsync(200);
        var components = parcel["working"]!["components"]!.AsArray();
        Assert.Contains("500", components[0]!["conversion"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("6109", components[0]!["rateSource"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(parcel["risk"]); // the platform does not see the risk explanation
    }

    [Fact]
    public async Task SameParcelTwice_IsStoredOnce_AndAnsweredWithItsFirstDecision_CsvToo()
    {
        const string header = "trackingId,platform,seller,buyer,description,hsCode,quantity,value,currency,origin,weightKg,collection";
        var csv = header + "\nC1,shopzone,\"Seller, Ltd\",Buyer,\"Toy car, plastic\",950300,2,10,USD,CN,0.3,consumer\nC1,shopzone,Seller,Buyer,Toy car,950300,2,10,USD,CN,0.3,consumer\nC2,shopzone,Seller,Buyer,Toy,950300,1,abc,USD,CN,0.3,consumer\n";
        var first = await PushAsync(_shop, csv, "text/csv");
        Assert.Equal(1, first["accepted"]!.GetValue<int>());
        Assert.Equal(1, first["duplicates"]!.GetValue<int>());
        Assert.Contains(first["errors"]!.AsArray(), e => e!["line"]!.GetValue<int>() == 4 && e["field"]!.GetValue<string>() == "value");

        var again = await PushAsync(_shop, csv, "text/csv");
        Assert.Equal(0, again["accepted"]!.GetValue<int>());
        Assert.Equal(2, again["duplicates"]!.GetValue<int>());
        Assert.Equal(ParcelOnLine(first, 2)["parcelId"]!.GetValue<string>(), ParcelOnLine(again, 2)["parcelId"]!.GetValue<string>());
        var listed = await (await _shop.GetAsync("api/v1/parcels?platform=shopzone")).ExpectAsync(200);
        Assert.Single(listed.AsArray(), p => p!["trackingId"]!.GetValue<string>() == "C1");

        // Another operator sending the same parcel learns nothing about it.
        var other = await PushAsync(_courier, csv, "text/csv");
        Assert.Contains(other["errors"]!.AsArray(), e => e!["code"]!.GetValue<string>() == "parcel.lodged_by_another");
        Assert.Empty(other["parcels"]!.AsArray());
    }

    [Fact]
    public async Task BadBatches_AreRefusedWhole_WithTheReason()
    {
        using var content = new StringContent("{}", Encoding.UTF8, "application/json");
        await (await _shop.PostAsync("api/v1/parcels/batches", content)).ExpectAsync(415);
        var header = await PushAsync(_shop, "trackingId,platform,colour\nX,shopzone,red\n", "text/csv", 422);
        Assert.Contains("colour", header["detail"]!.GetValue<string>(), StringComparison.Ordinal);
        await PushAsync(_customs, Line("Z1", "Toy", 1m, "consumer"), "application/x-ndjson", 403);
    }

    [Fact]
    public async Task RiskHolds_AndGuaranteeHolds_AreDecidedByCustoms_WithFeedbackToTheRules()
    {
        await (await _customs.PostJsonAsync("api/v1/risk/rule-sets", new
        {
            rules = new object[]
            {
                new { id = "audio-cheap", name = "Cheap audio from anywhere", condition = """hs startswith "8518" and value_per_kg <= 1000""", weight = 80 },
                new { id = "unregistered-vendor", name = "Vendor collection without registration", condition = """collection == "consumer" and not registered""", weight = 1 },
            },
            thresholds = new { yellow = 40, red = 70, randomSelectionRate = 0m },
        })).ExpectAsync(201);
        await (await _customs.PostJsonAsync("api/v1/risk/rule-sets/1/activate", new { })).ExpectAsync(200);

        var batch = await PushAsync(_courier, string.Join('\n',
            Line("R1", "Bluetooth headphones", 2m, "intermediary", hs: "851830", platform: "shopzone", weight: 1m), // 1,000 KZT/kg: red
            Line("G1", "T-shirt", 60m, "intermediary", platform: "shopzone"), // 30,000 KZT: VAT 3,600, fits the 20,000 guarantee
            Line("G2", "T-shirts", 300m, "intermediary", platform: "shopzone")), "application/x-ndjson"); // charges ~43,200: over the guarantee
        var red = ParcelOnLine(batch, 1);
        Assert.Equal("hold", red["decision"]!.GetValue<string>());
        Assert.Equal("red", red["channel"]!.GetValue<string>());
        Assert.Contains("audio-cheap", red["rulesHit"]!.AsArray().Select(r => r!.GetValue<string>()));
        Assert.Equal("release", ParcelOnLine(batch, 2)["decision"]!.GetValue<string>());
        var g2 = ParcelOnLine(batch, 3);
        Assert.Equal("hold", g2["decision"]!.GetValue<string>());
        Assert.Contains("guarantee", g2["holdReason"]!.GetValue<string>(), StringComparison.Ordinal);

        // Customs sees why the parcel was held: each rule with the facts it looked at.
        var explained = await (await _customs.GetAsync($"api/v1/parcels/{red["parcelId"]!.GetValue<string>()}")).ExpectAsync(200);
        var hit = explained["risk"]!["hits"]!.AsArray().Single(h => h!["ruleId"]!.GetValue<string>() == "audio-cheap")!;
        Assert.Contains("value_per_kg = 1000", hit["facts"]!.GetValue<string>(), StringComparison.Ordinal);

        // Released after inspection found nothing: a miss for the rule.
        await (await _customs.PostJsonAsync($"api/v1/parcels/{red["parcelId"]!.GetValue<string>()}/decision", new { action = "release", found = false, findings = "headphones as declared" })).ExpectAsync(200);
        var precision = await (await _customs.GetAsync("api/v1/risk/rule-sets/precision")).ExpectAsync(200);
        var rule = precision.AsArray().Single(r => r!["ruleId"]!.GetValue<string>() == "audio-cheap")!;
        Assert.Equal(1, rule["inspected"]!.GetValue<int>());
        Assert.Equal(0, rule["found"]!.GetValue<int>());
        await (await _customs.PostJsonAsync($"api/v1/parcels/{red["parcelId"]!.GetValue<string>()}/decision", new { action = "release" })).ExpectAsync(409);

        // The guarantee-held parcel cannot be released until the guarantee covers it.
        var g2Id = g2["parcelId"]!.GetValue<string>();
        var refused = await (await _customs.PostJsonAsync($"api/v1/parcels/{g2Id}/decision", new { action = "release" })).ExpectAsync(409);
        Assert.Equal("guarantee.insufficient", refused["code"]!.GetValue<string>());
        await (await _customs.PostJsonAsync("api/v1/parcels/guarantees/swift-express", new { amount = 200_000m })).ExpectAsync(200);
        await (await _customs.PostJsonAsync($"api/v1/parcels/{g2Id}/decision", new { action = "release" })).ExpectAsync(200);
        var guarantee = await (await _courier.GetAsync("api/v1/parcels/guarantees/swift-express")).ExpectAsync(200);
        var charges = ParcelOnLine(batch, 1)["charge"]!.GetValue<decimal>() + ParcelOnLine(batch, 2)["charge"]!.GetValue<decimal>() + g2["charge"]!.GetValue<decimal>();
        Assert.Equal(charges, guarantee["liability"]!.GetValue<decimal>());
        // A parcel operator cannot decide, nor read another's guarantee.
        await (await _courier.PostJsonAsync($"api/v1/parcels/{g2Id}/decision", new { action = "release" })).ExpectAsync(403);
        await (await _courier.GetAsync("api/v1/parcels/guarantees/shopzone")).ExpectAsync(404);
    }

    [Fact]
    public async Task Return_IsRefundedOnce_AndNeverMoreThanCharged()
    {
        var batch = await PushAsync(_shop, Line("RT1", "T-shirts", 300m, "vendor", registration: _registration, quantity: 3m), "application/x-ndjson");
        var charge = ParcelOnLine(batch, 1)["charge"]!.GetValue<decimal>();
        var part = await (await _shop.PostJsonAsync("api/v1/parcels/returns", new { platform = "shopzone", trackingId = "RT1", quantity = 1m, reason = "wrong size" })).ExpectAsync(201);
        Assert.Equal(Math.Round(charge / 3m, 2, MidpointRounding.AwayFromZero), part["refunded"]!.GetValue<decimal>());
        var rest = await (await _shop.PostJsonAsync("api/v1/parcels/returns", new { platform = "shopzone", trackingId = "RT1" })).ExpectAsync(201);
        Assert.Equal(charge, rest["totalRefunded"]!.GetValue<decimal>());
        var again = await (await _shop.PostJsonAsync("api/v1/parcels/returns", new { platform = "shopzone", trackingId = "RT1" })).ExpectAsync(409);
        Assert.Equal("parcel.already_returned", again["code"]!.GetValue<string>());
        await (await _courier.PostJsonAsync("api/v1/parcels/returns", new { platform = "shopzone", trackingId = "RT1" })).ExpectAsync(404);
    }

    [Fact]
    public async Task ConsolidatedDeclaration_CoversTheEndedMonth_LessRefunds_AndAClosedPeriodIsAConflict()
    {
        await PushAsync(_shop, string.Join('\n',
            Line("D1", "T-shirts", 300m, "vendor", registration: _registration, saleDate: "2026-10-15"),
            Line("D2", "T-shirt", 40m, "consumer", saleDate: "2026-10-20"),
            Line("D3", "T-shirt", 40m, "consumer", saleDate: "2026-11-19")), "application/x-ndjson");
        await (await _shop.PostJsonAsync("api/v1/parcels/returns", new { platform = "shopzone", trackingId = "D2" })).ExpectAsync(201);

        var open = await (await _shop.PostJsonAsync("api/v1/parcel-declarations", new { period = "2026-11" })).ExpectAsync(409);
        Assert.Equal("period.open", open["code"]!.GetValue<string>());
        var declaration = await (await _shop.PostJsonAsync("api/v1/parcel-declarations", new { period = "2026-10" })).ExpectAsync(201);
        Assert.Equal(2, declaration["parcels"]!.GetValue<int>());
        var vendor = declaration["lines"]!.AsArray().Single(l => l!["collection"]!.GetValue<string>() == "vendor")!;
        Assert.Equal("sale", vendor["collectAt"]!.GetValue<string>());
        Assert.Equal(2_400m, declaration["refunds"]!.GetValue<decimal>());
        Assert.Equal(declaration["charges"]!.GetValue<decimal>() - 2_400m, declaration["total"]!.GetValue<decimal>());

        var closed = await (await _shop.PostJsonAsync("api/v1/parcel-declarations", new { period = "2026-10" })).ExpectAsync(409);
        Assert.Equal("period.closed", closed["code"]!.GetValue<string>());
        await (await _shop.PostJsonAsync("api/v1/parcel-declarations", new { period = "2026-09" })).ExpectAsync(409);
        // The courier sees none of the platform's declarations; customs sees them all.
        Assert.Empty((await (await _courier.GetAsync("api/v1/parcel-declarations")).ExpectAsync(200)).AsArray());
        Assert.Single((await (await _customs.GetAsync("api/v1/parcel-declarations")).ExpectAsync(200)).AsArray());

        // The amount due is paid through the payment provider's signed callback: the declaration is paid and its
        // charges leave the guarantee's liability (what is left is November's parcel).
        var order = declaration["paymentOrderId"]!.GetValue<string>();
        await (await _shop.PostJsonAsync($"api/v1/payment-orders/{order}/pay", new { })).ExpectAsync(202);
        await OriginScenario.EventuallyAsync(_shop, $"api/v1/parcel-declarations/{declaration["id"]!.GetValue<string>()}", d => d["status"]!.GetValue<string>() == "paid");
        var guarantee = await (await _shop.GetAsync("api/v1/parcels/guarantees/shopzone")).ExpectAsync(200);
        var november11 = (await (await _shop.GetAsync("api/v1/parcels?platform=shopzone")).ExpectAsync(200)).AsArray().Single(p => p!["trackingId"]!.GetValue<string>() == "D3")!;
        Assert.Equal(november11["chargeMinor"]!.GetValue<long>() / 100m, guarantee["liability"]!.GetValue<decimal>());

        // November's parcel is declared once November has ended.
        _time.Advance(TimeSpan.FromDays(11));
        var november = await (await _shop.PostJsonAsync("api/v1/parcel-declarations", new { period = "2026-11" })).ExpectAsync(201);
        Assert.Equal(1, november["parcels"]!.GetValue<int>());
    }

    [Fact]
    public async Task Refunds_NeverExceedTheCharge_WhateverTheSequenceOfReturns()
    {
        // A home-made generator: 12 parcels of 1 to 7 pieces, then random partial returns (some asking for too much).
        var random = new Random(77);
        var lines = Enumerable.Range(1, 12).Select(i => Line($"PR{i}", "T-shirts", random.Next(50, 900), "vendor", registration: _registration, quantity: random.Next(1, 8))).ToList();
        var batch = await PushAsync(_shop, string.Join('\n', lines), "application/x-ndjson");
        foreach (var parcel in batch["parcels"]!.AsArray())
        {
            Assert.True(parcel!["charge"]!.GetValue<decimal>() >= 0);
            var tracking = parcel["trackingId"]!.GetValue<string>();
            var charge = parcel["charge"]!.GetValue<decimal>();
            var total = decimal.Parse(lines[parcel["line"]!.GetValue<int>() - 1].Split("\"quantity\":")[1].Split(',')[0], CultureInfo.InvariantCulture);
            var left = total;
            var refunded = 0m;
            while (left > 0)
            {
                var part = Math.Round((decimal)random.NextDouble() * left, 1);
                var ask = random.Next(4) == 0 ? left + 1 : part > 0 ? part : left;
                var response = await _shop.PostJsonAsync("api/v1/parcels/returns", new { platform = "shopzone", trackingId = tracking, quantity = ask });
                if (ask > left)
                {
                    await response.ExpectAsync(409);
                    continue;
                }
                var refund = await response.ExpectAsync(201);
                refunded += refund["refunded"]!.GetValue<decimal>();
                left -= ask;
                Assert.Equal(refunded, refund["totalRefunded"]!.GetValue<decimal>());
                Assert.True(refunded <= charge, $"{tracking}: refunded {refunded} of {charge}");
            }
            Assert.Equal(charge, refunded);
            await (await _shop.PostJsonAsync("api/v1/parcels/returns", new { platform = "shopzone", trackingId = tracking })).ExpectAsync(409);
        }
    }

    [Fact]
    public async Task Statistics_GroupByDimension_AndAnOperatorSeesOnlyItsOwn()
    {
        await PushAsync(_shop, string.Join('\n', Line("S1", "T-shirt", 10m, "consumer"), Line("S2", "Toy", 10m, "consumer", hs: "950300", origin: "TR")), "application/x-ndjson");
        await PushAsync(_courier, Line("S3", "Toy", 10m, "intermediary", hs: "950300", platform: "othermarket"), "application/x-ndjson");
        var byOrigin = await (await _customs.GetAsync("api/v1/parcels/statistics?by=origin")).ExpectAsync(200);
        Assert.Equal(2, byOrigin["groups"]!.AsArray().Single(g => g!["key"]!.GetValue<string>() == "CN")!["parcels"]!.GetValue<int>());
        var chapters = await (await _shop.GetAsync("api/v1/parcels/statistics?by=hs_chapter")).ExpectAsync(200);
        Assert.Equal(2, chapters["parcels"]!.GetValue<int>());
        Assert.Contains(chapters["groups"]!.AsArray(), g => g!["key"]!.GetValue<string>() == "95");
        var bands = await (await _customs.GetAsync("api/v1/parcels/statistics?by=value_band")).ExpectAsync(200);
        Assert.Equal("0-10000", bands["groups"]![0]!["key"]!.GetValue<string>());
        await (await _customs.GetAsync("api/v1/parcels/statistics?by=colour")).ExpectAsync(422);
    }
}
