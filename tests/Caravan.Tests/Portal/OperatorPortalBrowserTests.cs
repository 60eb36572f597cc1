using Caravan.Exchange.Audit;
using Caravan.Exchange.Outbox;
using Caravan.Storage;
using Microsoft.Extensions.DependencyInjection;
using static Microsoft.Playwright.Assertions;

namespace Caravan.Tests.Portal;

[Collection(PortalCollection.Name)]
public sealed class OperatorPortalBrowserTests(PortalFixture fixture)
{
    [Fact]
    public async Task TrustPage_ListsPartnerWithValidity_AndRevokeFormAddsRevocation()
    {
        var page = await fixture.SignInAsync(fixture.Kz, "kz-admin");
        await page.GotoAsync(PortalFixture.Url(fixture.Kz, "portal/operator/trust"));
        await Expect(page.Locator("#partners")).ToContainTextAsync("UZ");
        await Expect(page.Locator("#partners")).ToContainTextAsync("trusted");

        // A serial that belongs to no node, so the rest of the suite keeps trusting its partners.
        var serial = "7E" + Guid.NewGuid().ToString("N")[..10].ToUpperInvariant();
        await page.FillAsync("#f-serial", serial);
        await page.FillAsync("#f-reason", "key compromise reported by the holder");
        await page.ClickAsync("button.danger");

        await Expect(page.Locator("p.notice")).ToContainTextAsync("revoked");
        await Expect(page.Locator("#revocations")).ToContainTextAsync(serial);
    }

    [Fact]
    public async Task TariffPage_RefusesAFileWithOverlaps_PublishesAGoodOne_AndLooksUpACode()
    {
        var page = await fixture.SignInAsync(fixture.Uz, "uz-admin");
        await page.GotoAsync(PortalFixture.Url(fixture.Uz, "portal/operator/tariff"));
        const string overlapping = "code,valid_from,valid_to,mfn,vat_percent,excise,preferences\n080810,2026-01-01,2026-06-30,10,12,,\n080810,2026-06-01,,8,12,,\n";
        await page.SetInputFilesAsync("#f-tariff", new Microsoft.Playwright.FilePayload { Name = "tariff.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(overlapping) });
        await page.ClickAsync("#publish");
        await Expect(page.Locator("#tariff-errors")).ToContainTextAsync("line 3");

        const string good = "code,valid_from,valid_to,mfn,vat_percent,excise,preferences\n08,2026-01-01,,5,15,,\n080810,2026-01-01,,10,15,,CISFTA:KZ|KG=0\n";
        await page.SetInputFilesAsync("#f-tariff", new Microsoft.Playwright.FilePayload { Name = "tariff.csv", MimeType = "text/csv", Buffer = System.Text.Encoding.UTF8.GetBytes(good) });
        await page.ClickAsync("#publish");
        await Expect(page.Locator("p.notice")).ToContainTextAsync("is published");
        await page.FillAsync("#f-code", "081310");
        await page.ClickAsync("#lookup");
        await Expect(page.Locator("#tariff-line")).ToContainTextAsync("line 08 ");
        await page.FillAsync("#f-code", "0808100000");
        await page.ClickAsync("#lookup");
        await Expect(page.Locator("#tariff-line")).ToContainTextAsync("CISFTA");
    }

    [Fact]
    public async Task AuditPage_ShowsTheChainIsIntact()
    {
        var page = await fixture.SignInAsync(fixture.Uz, "uz-admin");

        await page.GotoAsync(PortalFixture.Url(fixture.Uz, "portal/operator/audit"));

        await Expect(page.Locator("#audit-result")).ToContainTextAsync("Intact");
    }

    [Fact]
    public async Task DeadLetters_ResendQueuesTheMessageAgain()
    {
        var outbox = fixture.Uz.Services.GetRequiredService<OutboxStore>();
        var database = fixture.Uz.Services.GetRequiredService<CaravanDatabase>();
        var conversation = "dead-" + Guid.NewGuid().ToString("N")[..8];
        var messageId = $"{Guid.NewGuid():N}@uz.test";
        await database.InTransactionAsync(async (unit, ct) =>
        {
            var created = await outbox.EnqueueAsync(unit, new OutboxMessage
            {
                MessageId = messageId,
                Partner = "CN",
                Service = "urn:test",
                Action = "Nothing",
                ConversationId = conversation,
                Payload = "{}"u8.ToArray(),
                PayloadContentType = "application/json",
                CreatedAt = DateTimeOffset.FromUnixTimeSeconds(1_790_000_000),
            }, ct);
            await outbox.MarkDeadAsync(unit, created, "partner CN is not on the trust list", ct);
            return created;
        }, CancellationToken.None);
        var page = await fixture.SignInAsync(fixture.Uz, "uz-admin");
        await page.GotoAsync(PortalFixture.Url(fixture.Uz, "portal/operator/dead-letters"));
        var row = page.Locator("#dead-letters tr", new() { HasText = conversation });
        await Expect(row).ToHaveCountAsync(1);

        await row.Locator("button").ClickAsync();

        await Expect(page.Locator("p.notice")).ToContainTextAsync("queued for delivery again");
        // Requeued (and audited as such); it may die again at once, since CN is no partner of UZ.
        var audit = await fixture.Uz.Services.GetRequiredService<AuditLog>().ReadAsync(0, 10_000, CancellationToken.None);
        Assert.Contains(audit, r => r.Kind == AuditKinds.Requeued && r.MessageId == messageId && r.Actor == "operator");
    }

    [Fact]
    public async Task Accounts_OperatorCreatesAccount_ThePersonCanSignIn()
    {
        var page = await fixture.SignInAsync(fixture.Kz, "kz-admin");
        await page.GotoAsync(PortalFixture.Url(fixture.Kz, "portal/operator/accounts"));
        var username = "inspector-" + Guid.NewGuid().ToString("N")[..6];

        await page.FillAsync("#f-username", username);
        await page.FillAsync("#f-displayName", "Saule Abenova");
        await page.SelectOptionAsync("#f-partyId", "kz-customs");
        await page.FillAsync("#f-password", fixture.Password);
        await page.ClickAsync("main form[action='/portal/operator/accounts'] button[type=submit]");

        await Expect(page.Locator("#accounts")).ToContainTextAsync(username);
        var person = await fixture.SignInAsync(fixture.Kz, username);
        Assert.EndsWith("/portal/customs", person.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OperatorPages_TraderAccount_IsForbidden()
    {
        var page = await fixture.SignInAsync(fixture.Uz, "fergana");

        var response = await page.GotoAsync(PortalFixture.Url(fixture.Uz, "portal/operator/accounts"));

        Assert.Equal(403, response!.Status);
    }
}
