using System.Text;
using Caravan.Documents.Rendering;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caravan.Tests.Portal;

[Collection(PortalCollection.Name)]
public sealed class VerifyPageBrowserTests(PortalFixture fixture)
{
    private async Task<IPage> UploadAsync(Caravan.Node.Hosting.LocalNode node, string xml, int width = 1100)
    {
        var page = await fixture.NewPageAsync(width);
        await page.GotoAsync(PortalFixture.Url(node, "verify"));
        await page.SetInputFilesAsync("#f-certificate", new FilePayload { Name = "certificate.xml", MimeType = "application/xml", Buffer = Encoding.UTF8.GetBytes(xml) });
        // The form posts to the page's own URL: wait for the answer's verdict, not for a URL the page is already at.
        await page.ClickAsync("main button[type=submit]");
        await page.Locator("#verdict").WaitForAsync(new() { Timeout = 60_000 });
        return page;
    }

    [Fact]
    public async Task Upload_GenuineCertificate_IsAuthenticWithIssuerAndStatus()
    {
        var page = await UploadAsync(fixture.Uz, fixture.SignedXml);

        await Expect(page.Locator("#verdict")).ToHaveTextAsync("Authentic");
        await Expect(page.Locator("#facts")).ToContainTextAsync(fixture.Number);
        await Expect(page.Locator("#facts")).ToContainTextAsync("Uzbekistan certificate of origin authority");
        await Expect(page.Locator("#status")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex("^(issued|sent|received|partially_utilized)$"));
    }

    [Fact]
    public async Task Upload_GenuineCertificateAtTheImportingNode_IsAuthenticThroughTheTrustList()
    {
        var page = await UploadAsync(fixture.Kz, fixture.SignedXml);

        await Expect(page.Locator("#verdict")).ToHaveTextAsync("Authentic");
        await Expect(page.Locator("#reason")).ToContainTextAsync("trusted node of UZ");
        await Expect(page.Locator("#status")).ToHaveTextAsync("received");
    }

    [Fact]
    public async Task Upload_TamperedCertificate_IsNotAuthenticWithReason()
    {
        var tampered = fixture.SignedXml.Replace("19200", "91200", StringComparison.Ordinal);
        Assert.NotEqual(fixture.SignedXml, tampered);

        var page = await UploadAsync(fixture.Uz, tampered);

        await Expect(page.Locator("#verdict")).ToHaveTextAsync("Not authentic");
        await Expect(page.Locator("#reason")).ToContainTextAsync("altered");
        await Expect(page.Locator("#facts")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task Upload_NotXml_IsNotAuthenticWithReason()
    {
        var page = await UploadAsync(fixture.Uz, "this is a photo, not a certificate");

        await Expect(page.Locator("#verdict")).ToHaveTextAsync("Not authentic");
        await Expect(page.Locator("#reason")).ToContainTextAsync("not a well-formed XML document");
    }

    [Fact]
    public async Task QrLink_OpensTheCertificateStatusWithoutSigningIn()
    {
        var page = await fixture.NewPageAsync(375);
        var link = VerificationLink.For(fixture.Uz.BaseUrl, "UZ", fixture.Number, fixture.SignedXml);

        var response = await page.GotoAsync(link.ToString());

        Assert.Equal(200, response!.Status);
        await Expect(page.Locator("#verdict")).ToHaveTextAsync("Authentic");
        await Expect(page.Locator("#facts")).ToContainTextAsync(fixture.Number);
        await Expect(page.Locator("main")).Not.ToContainTextAsync("uz-chamber");
        Assert.False(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth"));
    }

    [Fact]
    public async Task UnknownOrWrongKeyLink_GivesTheSameNotFound()
    {
        var page = await fixture.NewPageAsync();
        var key = VerificationLink.Key(fixture.SignedXml);

        var wrongKey = await page.GotoAsync(PortalFixture.Url(fixture.Uz, $"verify/UZ/{fixture.Number}?k={(key[0] == 'A' ? 'B' : 'A')}{key[1..]}"));
        var wrongKeyText = await page.Locator("main").InnerTextAsync();
        var unknown = await page.GotoAsync(PortalFixture.Url(fixture.Uz, $"verify/UZ/UZ-CO-2099-999999?k={key}"));
        var unknownText = await page.Locator("main").InnerTextAsync();
        var noKey = await page.GotoAsync(PortalFixture.Url(fixture.Uz, $"verify/UZ/{fixture.Number}"));

        Assert.Equal(404, wrongKey!.Status);
        Assert.Equal(404, unknown!.Status);
        Assert.Equal(404, noKey!.Status);
        Assert.Equal(wrongKeyText, unknownText);
        Assert.Contains("No certificate matches this link", unknownText, StringComparison.Ordinal);
    }
}
