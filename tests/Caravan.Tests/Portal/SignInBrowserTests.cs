using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caravan.Tests.Portal;

[Collection(PortalCollection.Name)]
public sealed class SignInBrowserTests(PortalFixture fixture)
{
    [Fact]
    public async Task SignIn_RightPassword_LandsOnTheRoleHomeAndSignOutEndsTheSession()
    {
        var page = await fixture.SignInAsync(fixture.Uz, "fergana");

        Assert.EndsWith("/portal/trader", page.Url, StringComparison.Ordinal);
        await Expect(page.Locator("header")).ToContainTextAsync("Dilshod Karimov");
        await page.ClickAsync("header button[type=submit]");
        // The suite runs many nodes and a browser on two cores; a redirect can wait its turn for many seconds.
        await page.WaitForURLAsync(u => u.Contains("/portal/sign-in", StringComparison.Ordinal), new() { Timeout = 60_000 });
        var again = await page.GotoAsync(PortalFixture.Url(fixture.Uz, "portal/trader"));
        Assert.Contains("/portal/sign-in", again!.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SignIn_WrongPassword_ShowsErrorAndNoSession()
    {
        var page = await fixture.NewPageAsync();
        await page.GotoAsync(PortalFixture.Url(fixture.Uz, "portal/sign-in"));
        await page.FillAsync("#f-username", "samarkand");
        await page.FillAsync("#f-password", "not-the-password-at-all");
        await page.ClickAsync("main button[type=submit]");

        await Expect(page.Locator("p.error")).ToContainTextAsync("not correct");
        var cookies = await page.Context.CookiesAsync();
        Assert.DoesNotContain(cookies, c => c.Name.StartsWith(".caravan.portal", StringComparison.Ordinal));
    }

    [Fact]
    public async Task SessionCookie_IsHttpOnlyAndSameSiteStrict()
    {
        var page = await fixture.SignInAsync(fixture.Uz, "officer");

        var cookie = (await page.Context.CookiesAsync()).Single(c => c.Name == ".caravan.portal.uz");

        Assert.True(cookie.HttpOnly);
        Assert.Equal(SameSiteAttribute.Strict, cookie.SameSite);
    }

    [Fact]
    public async Task PortalPage_Anonymous_RedirectsToSignInWithReturnUrl()
    {
        var page = await fixture.NewPageAsync();

        await page.GotoAsync(PortalFixture.Url(fixture.Uz, "portal/authority"));

        Assert.Contains("/portal/sign-in?returnUrl=%2Fportal%2Fauthority", page.Url, StringComparison.Ordinal);
    }
}
