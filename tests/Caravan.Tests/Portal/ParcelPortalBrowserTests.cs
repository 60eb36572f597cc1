using System.Globalization;
using System.Text;
using Caravan.Tests.Node.Network;
using Caravan.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caravan.Tests.Portal;

/// <summary>
/// The e-commerce pages in Chromium: a platform uploads a batch and sees its refused line, lodges and pays its
/// consolidated declaration; customs writes, replays and activates risk rules, works the held queue with each
/// parcel's explanation, and sees precision and statistics; roles stay apart.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ParcelPortalBrowserTests(PortalFixture fixture)
{
    private static Task? _setUp;

    private Task EnsureParcelsAsync()
    {
        lock (typeof(ParcelPortalBrowserTests))
        {
            return _setUp ??= SetUpAsync();
        }
    }

    private async Task SetUpAsync()
    {
        using var kz = fixture.Kz.CreateClient();
        await kz.CreatePartyAsync("portal-shop", "Portal Shop", "parcel_operator");
        await fixture.CreateAccountAsync(kz, "shop-user", "Asel Bekova", "portal-shop");
        await kz.CreatePartyAsync("other-shop", "Other Shop", "parcel_operator");
        await fixture.CreateAccountAsync(kz, "other-shop-user", "Other Seller", "other-shop");
        using (var request = new HttpRequestMessage(HttpMethod.Post, "api/v1/tariff/versions") { Content = new StringContent(ParcelLaneTests.Tariff, Encoding.UTF8, "text/csv") })
        {
            request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
            await (await kz.SendAsync(request)).ExpectAsync(201);
        }
        await (await kz.PostJsonAsync("api/v1/exchange-rates", new[] { new { currency = "USD", validFrom = "2020-01-01", nationalPerUnit = 500m } })).ExpectAsync(201);
        await (await fixture.Scenario.Customs.PostJsonAsync("api/v1/parcels/guarantees/portal-shop", new { amount = 10_000_000m })).ExpectAsync(200);
        await (await fixture.Scenario.Customs.PostJsonAsync("api/v1/parcels/guarantees/other-shop", new { amount = 10_000_000m })).ExpectAsync(200);
    }

    // The node runs on the system clock, so "last month" is the real one.
    private static string LastMonthDay()
    {
        var today = DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime);
        return new DateOnly(today.Year, today.Month, 1).AddMonths(-1).AddDays(9).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Platform_UploadsABatch_SeesTheRefusedLine_LodgesAndPaysItsDeclaration()
    {
        await EnsureParcelsAsync();
        var page = await fixture.SignInAsync(fixture.Kz, "shop-user");
        await page.GotoAsync(PortalFixture.Url(fixture.Kz, "portal/parcels"));
        var csv = "trackingId,platform,seller,buyer,description,hsCode,quantity,value,currency,origin,weightKg,collection,saleDate\n" +
            $"PB1,portalshop,Seller,Buyer,Cotton T-shirts,610910,3,300,USD,CN,0.6,intermediary,{LastMonthDay()}\n" +
            "PB2,portalshop,Seller,Buyer,Toy car,950300,1,ten,USD,CN,0.3,consumer,\n" +
            $"PB3,portalshop,Seller,Buyer,Wireless headphones,,1,80,USD,CN,0.3,intermediary,{LastMonthDay()}\n";
        await page.SetInputFilesAsync("#f-batch", new FilePayload { Name = "parcels.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await page.ClickAsync("#push");

        await Expect(page.Locator("#batch-summary")).ToContainTextAsync("2 accepted");
        await Expect(page.Locator("#batch-errors")).ToContainTextAsync("'ten' is not a number");
        await Expect(page.Locator("#batch-errors tbody tr").First).ToContainTextAsync("3");
        await Expect(page.Locator("#batch-parcels")).ToContainTextAsync("PB3");

        await page.GotoAsync(PortalFixture.Url(fixture.Kz, "portal/parcels"));
        await page.ClickAsync("#lodge");
        await Expect(page.Locator("#done")).ToContainTextAsync("lodged");
        await Expect(page.Locator("#statement-lines")).ToContainTextAsync("intermediary");
        await page.ClickAsync("#pay");
        await Expect(page.Locator("#done")).ToContainTextAsync("Payment started");
        for (var i = 0; i < 50 && !(await page.ContentAsync()).Contains("paid (", StringComparison.Ordinal); i++)
        {
            await Task.Delay(200);
            await page.ReloadAsync();
        }
        await Expect(page.Locator("main")).ToContainTextAsync("paid (");

        // Another platform cannot open this platform's parcels, nor the customs queue.
        var other = await fixture.SignInAsync(fixture.Kz, "other-shop-user");
        var id = (await (await fixture.Scenario.Customs.GetAsync("api/v1/parcels?platform=portalshop")).ExpectAsync(200)).AsArray()[0]!["id"]!.GetValue<string>();
        Assert.Equal(404, (await other.GotoAsync(PortalFixture.Url(fixture.Kz, $"portal/parcels/{id}")))!.Status);
        Assert.Equal(403, (await other.GotoAsync(PortalFixture.Url(fixture.Kz, "portal/parcels/held")))!.Status);
        Assert.Equal(403, (await other.GotoAsync(PortalFixture.Url(fixture.Kz, "portal/risk")))!.Status);
    }

    [Fact]
    public async Task Customs_ManagesRules_SeesWhyAParcelIsHeld_ReleasesIt_AndSeesPrecisionAndStatistics()
    {
        await EnsureParcelsAsync();
        var customs = await fixture.SignInAsync(fixture.Kz, "kz-officer");
        await customs.GotoAsync(PortalFixture.Url(fixture.Kz, "portal/risk"));
        await customs.FillAsync("#f-ruleset", """{"thresholds":{"yellow":40,"red":80,"randomSelectionRate":0},"rules":[{"id":"bad","name":"x","condition":"hs startswith 8518","weight":1}]}""");
        await customs.ClickAsync("#save-draft");
        await Expect(customs.Locator("#error")).ToContainTextAsync("rule bad");

        await customs.FillAsync("#f-ruleset", """
            {"note":"portal","thresholds":{"yellow":40,"red":80,"randomSelectionRate":0},"rules":[
              {"id":"portal-audio","name":"Audio from CN","condition":"hs startswith \"8518\" and origin == \"CN\"","weight":90}]}
            """);
        await customs.ClickAsync("#save-draft");
        await Expect(customs.Locator("#done")).ToContainTextAsync("is saved");
        var draft = customs.Locator("#rule-sets tbody tr", new() { HasText = "portal" }).First;
        await draft.Locator("a", new() { HasText = "Replay" }).ClickAsync();
        await Expect(customs.Locator("#replay-summary")).ToContainTextAsync("replayed");
        await customs.GoBackAsync();
        await draft.Locator("button", new() { HasText = "Activate" }).ClickAsync();
        await Expect(customs.Locator("#done")).ToContainTextAsync("is active");
        await Expect(customs.Locator("#active-rules")).ToContainTextAsync("portal-audio");

        using var shop = fixture.Kz.CreateClient((await (await fixture.Kz.CreateClient().PostJsonAsync("api/v1/parties", new { id = "held-shop", name = "Held Shop", role = "parcel_operator" })).ExpectAsync(201))["token"]!.GetValue<string>());
        await (await fixture.Scenario.Customs.PostJsonAsync("api/v1/parcels/guarantees/held-shop", new { amount = 1_000_000m })).ExpectAsync(200);
        var batch = await ParcelLaneTests.PushAsync(shop, ParcelLaneTests.Line("HB1", "Bluetooth headphones", 20m, "consumer", hs: "851830", platform: "heldshop"), "application/x-ndjson");
        var parcelId = batch["parcels"]![0]!["parcelId"]!.GetValue<string>();

        await customs.GotoAsync(PortalFixture.Url(fixture.Kz, "portal/parcels/held"));
        await customs.Locator("#held a", new() { HasText = parcelId }).ClickAsync();
        await Expect(customs.Locator("#risk-channel")).ToContainTextAsync("red");
        await Expect(customs.Locator("#risk-hits")).ToContainTextAsync("portal-audio");
        await Expect(customs.Locator("#risk-hits")).ToContainTextAsync("origin = \"CN\"");
        await Expect(customs.Locator("#working")).ToContainTextAsync("vat");
        await customs.SelectOptionAsync("#f-action", "release");
        await customs.SelectOptionAsync("#f-found", "false");
        await customs.FillAsync("#f-findings", "headphones as declared");
        await customs.ClickAsync("#decide");
        await Expect(customs.Locator("#done")).ToContainTextAsync("decision is recorded");
        await Expect(customs.Locator("main")).ToContainTextAsync("findings: headphones as declared");

        await customs.GotoAsync(PortalFixture.Url(fixture.Kz, "portal/risk"));
        await Expect(customs.Locator("#active-rules tbody tr", new() { HasText = "portal-audio" })).ToContainTextAsync("0%");
        await customs.GotoAsync(PortalFixture.Url(fixture.Kz, "portal/parcels/statistics"));
        await Expect(customs.Locator("#stats-origin")).ToContainTextAsync("CN");
        await Expect(customs.Locator("#stats-channel")).ToContainTextAsync("red");
    }
}
