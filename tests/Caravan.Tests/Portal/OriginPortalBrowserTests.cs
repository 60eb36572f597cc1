using Caravan.Tests.TestSupport;
using static Microsoft.Playwright.Assertions;

namespace Caravan.Tests.Portal;

[Collection(PortalCollection.Name)]
public sealed class OriginPortalBrowserTests(PortalFixture fixture)
{
    private string CertificateUrl(Caravan.Node.Hosting.LocalNode node) => PortalFixture.Url(node, $"portal/certificates/UZ/{fixture.Number}");

    [Fact]
    public async Task Trader_SeesOwnCertificateWithHistoryAndDownloadsPdfAndXml()
    {
        var page = await fixture.SignInAsync(fixture.Uz, "fergana");

        await Expect(page.Locator("#certificates")).ToContainTextAsync(fixture.Number);
        await page.ClickAsync($"#certificates a:text('{fixture.Number}')");
        await Expect(page.Locator("#history")).ToContainTextAsync("issued");
        await Expect(page.Locator("#items")).ToContainTextAsync("080810");
        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("#download-pdf"));
        var pdf = await File.ReadAllBytesAsync((await download.PathAsync())!);
        Assert.Equal("%PDF-"u8.ToArray(), pdf[..5]);
        var xml = await page.APIRequest.GetAsync(CertificateUrl(fixture.Uz) + "/xml");
        Assert.Equal(200, xml.Status);
        Assert.Equal(fixture.SignedXml, await xml.TextAsync());
    }

    [Fact]
    public async Task OtherExporter_DirectUrlToAnotherTradersRecords_IsNotFound()
    {
        var applicationId = await fixture.ApplyAsync();
        var page = await fixture.SignInAsync(fixture.Uz, "samarkand");

        var certificate = await page.GotoAsync(CertificateUrl(fixture.Uz));
        var xml = await page.APIRequest.GetAsync(CertificateUrl(fixture.Uz) + "/xml");
        var pdf = await page.APIRequest.GetAsync(CertificateUrl(fixture.Uz) + "/pdf");
        var application = await page.APIRequest.GetAsync(PortalFixture.Url(fixture.Uz, $"portal/applications/{applicationId}"));

        Assert.Equal(404, certificate!.Status);
        Assert.Equal(404, xml.Status);
        Assert.Equal(404, pdf.Status);
        Assert.Equal(404, application.Status);
        await page.GotoAsync(PortalFixture.Url(fixture.Uz, "portal/trader"));
        await Expect(page.Locator("main")).Not.ToContainTextAsync(fixture.Number);
    }

    [Fact]
    public async Task Authority_RejectsFromTheQueueWithReason_TraderSeesTheReason()
    {
        var applicationId = await fixture.ApplyAsync();
        var authority = await fixture.SignInAsync(fixture.Uz, "officer");

        await Expect(authority.Locator("#queue")).ToContainTextAsync(applicationId);
        await authority.ClickAsync($"#queue a:text('{applicationId}')");
        await authority.FillAsync("#f-reason", "Invoice FVF-2026-0917 does not match the declared weight.");
        await authority.ClickAsync("#reject");

        await Expect(authority.Locator("#application-status")).ToHaveTextAsync("rejected");
        var exporter = await fixture.SignInAsync(fixture.Uz, "fergana");
        await exporter.GotoAsync(PortalFixture.Url(fixture.Uz, $"portal/applications/{applicationId}"));
        await Expect(exporter.Locator("main")).ToContainTextAsync("does not match the declared weight");
    }

    [Fact]
    public async Task Authority_Approves_CertificateIsIssuedAndReachesCustoms()
    {
        var applicationId = await fixture.ApplyAsync();
        var authority = await fixture.SignInAsync(fixture.Uz, "officer");
        await authority.GotoAsync(PortalFixture.Url(fixture.Uz, $"portal/applications/{applicationId}"));

        await authority.FillAsync("#f-place", "Tashkent");
        await authority.ClickAsync("#approve");

        await authority.WaitForURLAsync(u => u.Contains("/portal/certificates/UZ/", StringComparison.Ordinal), new() { Timeout = 60_000 });
        var number = authority.Url.Split('/')[^1];
        await Expect(authority.Locator("#history")).ToContainTextAsync("uz-chamber");
        await OriginScenario.EventuallyAsync(fixture.Scenario.Customs, $"api/v1/certificates/UZ/{number}", c => c["status"]?.GetValue<string>() == "received");
        var customs = await fixture.SignInAsync(fixture.Kz, "kz-officer");
        await Expect(customs.Locator("#received")).ToContainTextAsync(number);
    }

    [Fact]
    public async Task Customs_SeesReceivedCertificateWithRemainingQuantities()
    {
        var page = await fixture.SignInAsync(fixture.Kz, "kz-officer");

        await Expect(page.Locator("#received")).ToContainTextAsync(fixture.Number);
        await Expect(page.Locator("#received")).ToContainTextAsync("#1 HS 080810: 19,200 of 19,200 KGM");
        await page.ClickAsync($"#received a:text('{fixture.Number}')");
        await Expect(page.Locator("#items")).ToContainTextAsync("19,200");
    }

    [Fact]
    public async Task Customs_OpeningTheAuthorityQueue_IsForbidden()
    {
        var page = await fixture.SignInAsync(fixture.Kz, "kz-officer");

        var response = await page.GotoAsync(PortalFixture.Url(fixture.Kz, "portal/authority"));

        Assert.Equal(403, response!.Status);
        await Expect(page.Locator("main")).ToContainTextAsync("may not open this page");
    }

    [Fact]
    public async Task Trader_PostingAnApproval_IsForbiddenAndChangesNothing()
    {
        var applicationId = await fixture.ApplyAsync();
        var page = await fixture.SignInAsync(fixture.Uz, "fergana");

        var response = await page.APIRequest.PostAsync(PortalFixture.Url(fixture.Uz, $"portal/applications/{applicationId}/approve"),
            new() { Form = FormWith(page, ("officerName", "Someone")), MaxRedirects = 0 });

        Assert.Contains(response.Status, new[] { 302, 403 });
        var application = await (await fixture.Scenario.Authority.GetAsync($"api/v1/origin/applications/{applicationId}")).ExpectAsync(200);
        Assert.Equal("submitted", application["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task ForgedFormPost_WithoutAntiforgeryToken_IsRejectedAndChangesNothing()
    {
        var applicationId = await fixture.ApplyAsync();
        var page = await fixture.SignInAsync(fixture.Uz, "officer");

        var response = await page.APIRequest.PostAsync(PortalFixture.Url(fixture.Uz, $"portal/applications/{applicationId}/reject"),
            new() { Form = FormWith(page, ("reason", "forged")) });

        Assert.Equal(400, response.Status);
        var application = await (await fixture.Scenario.Authority.GetAsync($"api/v1/origin/applications/{applicationId}")).ExpectAsync(200);
        Assert.Equal("submitted", application["status"]!.GetValue<string>());
    }

    [Fact]
    public async Task PhoneWidth_CertificatePage_HasNoHorizontalOverflow()
    {
        var page = await fixture.SignInAsync(fixture.Uz, "officer", width: 375);

        await page.GotoAsync(CertificateUrl(fixture.Uz));

        var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the page scrolls sideways at 375 px");
        Assert.True(await page.Locator("#download-pdf").IsVisibleAsync());
    }

    private static Microsoft.Playwright.IFormData FormWith(Microsoft.Playwright.IPage page, params (string Name, string Value)[] fields)
    {
        var form = page.APIRequest.CreateFormData();
        foreach (var (name, value) in fields)
        {
            form.Set(name, value);
        }
        return form;
    }
}
