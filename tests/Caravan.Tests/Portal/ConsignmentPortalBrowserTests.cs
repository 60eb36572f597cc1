using Caravan.Tests.TestSupport;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Caravan.Tests.Portal;

/// <summary>
/// The single window in Chromium: a trader lodges a WCO DMS declaration and submits it, the plant agency and customs
/// decide in parallel (the plant agency's approval issues the ePhyto), and the release appears; then the attempts to
/// see or decide what is not yours.
/// </summary>
[Collection(PortalCollection.Name)]
public sealed class ConsignmentPortalBrowserTests(PortalFixture fixture) : IAsyncLifetime
{
    public Task InitializeAsync() => fixture.EnsureWindowAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    /// <summary>Signs in as fergana, uploads a DMS export of apples, submits; returns the trader's page and the consignment URL.</summary>
    private async Task<(IPage Trader, string Url)> LodgeAndSubmitAsync()
    {
        var trader = await fixture.SignInAsync(fixture.Uz, "fergana");
        await trader.GotoAsync(PortalFixture.Url(fixture.Uz, "portal/consignments"));
        await trader.SetInputFilesAsync("#f-declaration", new FilePayload
        {
            Name = "apples-export.xml",
            MimeType = "application/xml",
            Buffer = System.Text.Encoding.UTF8.GetBytes(WcoDmsSamples.Export("UZ", "KZ")),
        });
        await trader.ClickAsync("#lodge");
        await Expect(trader.Locator("#consignment-status")).ToHaveTextAsync("draft");
        var url = trader.Url;
        await trader.ClickAsync("#submit");
        await Expect(trader.Locator("#consignment-status")).ToHaveTextAsync("in_review");
        await Expect(trader.Locator("#tasks")).ToContainTextAsync("phytosanitary_certificate");
        await Expect(trader.Locator("#tasks")).ToContainTextAsync("customs_clearance");
        return (trader, url);
    }

    [Fact]
    public async Task TraderLodges_TwoAgenciesApproveInParallel_ReleaseAndTheEphytoAppear()
    {
        var (trader, url) = await LodgeAndSubmitAsync();
        var consignmentId = url[(url.LastIndexOf('/') + 1)..];

        async Task PlantAsync()
        {
            var plant = await fixture.SignInAsync(fixture.Uz, "plant-officer");
            await plant.GotoAsync(PortalFixture.Url(fixture.Uz, "portal/agency?status=open&action=phytosanitary_certificate"));
            await plant.ClickAsync($"#tasks a:text('{consignmentId}')");
            await plant.FillAsync("#f-scientificName-1", "Malus domestica");
            await plant.FillAsync("#f-additionalDeclaration", "Grown in an area free from Cydia pomonella.");
            await plant.ClickAsync("#decide");
            await Expect(plant.Locator("main")).ToContainTextAsync("Decision recorded.");
        }

        async Task CustomsAsync()
        {
            var customs = await fixture.SignInAsync(fixture.Uz, "uz-customs-officer");
            await customs.GotoAsync(PortalFixture.Url(fixture.Uz, "portal/agency"));
            await customs.ClickAsync($"#tasks a:text('{consignmentId}')");
            await customs.ClickAsync("#decide");
            await Expect(customs.Locator("main")).ToContainTextAsync("Decision recorded.");
        }

        await Task.WhenAll(PlantAsync(), CustomsAsync());

        await trader.GotoAsync(url);
        await Expect(trader.Locator("#consignment-status")).ToHaveTextAsync("released");
        await Expect(trader.Locator("#timeline")).ToContainTextAsync("every required action passed");
        await Expect(trader.Locator("#consignment-certificates")).ToContainTextAsync("UZ-PC-");
        await Expect(trader.Locator("#consignment-certificates")).ToContainTextAsync("phytosanitary certificate");

        // The trader downloads the ePhyto (signed XML and PDF); the XML is authentic on KZ's public verification page.
        await trader.ClickAsync("#consignment-certificates a");
        var xmlDownload = await trader.RunAndWaitForDownloadAsync(() => trader.ClickAsync("#download-xml"));
        var xml = await File.ReadAllTextAsync(await xmlDownload.PathAsync());
        Assert.Contains("SPSCertificate", xml, StringComparison.Ordinal);
        Assert.Contains("Malus domestica", xml, StringComparison.Ordinal);
        var pdfDownload = await trader.RunAndWaitForDownloadAsync(() => trader.ClickAsync("#download-pdf"));
        var pdfText = ExternalTool.Run("pdftotext", "poppler-utils", await pdfDownload.PathAsync(), "-");
        Assert.Contains("PHYTOSANITARY CERTIFICATE", pdfText, StringComparison.Ordinal);
        Assert.Contains("Malus domestica", pdfText, StringComparison.Ordinal);

        var verify = await fixture.NewPageAsync();
        await verify.GotoAsync(PortalFixture.Url(fixture.Kz, "verify"));
        await verify.SetInputFilesAsync("#f-certificate", new FilePayload { Name = "ephyto.xml", MimeType = "application/xml", Buffer = System.Text.Encoding.UTF8.GetBytes(xml) });
        await verify.ClickAsync("main button[type=submit]");
        await Expect(verify.Locator("#verdict")).ToHaveTextAsync("Authentic");
        await Expect(verify.Locator("#reason")).ToContainTextAsync("trusted node of UZ");
        await Expect(verify.Locator("#facts")).ToContainTextAsync("UZ Plant Quarantine Inspection");

        var forged = await fixture.NewPageAsync();
        await forged.GotoAsync(PortalFixture.Url(fixture.Kz, "verify"));
        await forged.SetInputFilesAsync("#f-certificate", new FilePayload { Name = "ephyto.xml", MimeType = "application/xml", Buffer = System.Text.Encoding.UTF8.GetBytes(xml.Replace("Malus domestica", "Malus sieversii", StringComparison.Ordinal)) });
        await forged.ClickAsync("main button[type=submit]");
        await Expect(forged.Locator("#verdict")).Not.ToHaveTextAsync("Authentic");
    }

    [Fact]
    public async Task OthersCannotSeeOrDecide_AndADecidedTaskCannotBeDecidedAgain()
    {
        var (_, url) = await LodgeAndSubmitAsync();
        var path = new Uri(url).PathAndQuery.TrimStart('/');

        var otherTrader = await fixture.SignInAsync(fixture.Uz, "samarkand");
        Assert.Equal(404, (await otherTrader.GotoAsync(PortalFixture.Url(fixture.Uz, path)))!.Status);
        var vet = await fixture.SignInAsync(fixture.Uz, "vet-officer");
        Assert.Equal(404, (await vet.GotoAsync(PortalFixture.Url(fixture.Uz, path)))!.Status);
        await vet.GotoAsync(PortalFixture.Url(fixture.Uz, "portal/agency"));
        await Expect(vet.Locator("main")).Not.ToContainTextAsync(path[(path.LastIndexOf('/') + 1)..]);
        Assert.Equal(403, (await otherTrader.GotoAsync(PortalFixture.Url(fixture.Uz, "portal/agency")))!.Status);

        // Two customs tabs open the same task; the second decision is a conflict, not an overwrite.
        var first = await fixture.SignInAsync(fixture.Uz, "uz-customs-officer");
        var second = await fixture.SignInAsync(fixture.Uz, "uz-customs-officer");
        await first.GotoAsync(url);
        await second.GotoAsync(url);
        await first.SelectOptionAsync("#f-decision", "reject");
        await first.FillAsync("#f-reason", "The exporter is not registered for this procedure.");
        await first.ClickAsync("#decide");
        await Expect(first.Locator("#consignment-status")).ToHaveTextAsync("rejected");
        var conflict = await second.RunAndWaitForResponseAsync(() => second.ClickAsync("#decide"), r => r.Url.Contains("/decide", StringComparison.Ordinal));
        Assert.Equal(409, conflict.Status);
        await Expect(second.Locator("main .error")).ToContainTextAsync("cannot be decided again");
        await Expect(second.Locator("#tasks")).ToContainTextAsync("The exporter is not registered");
    }

    [Fact]
    public async Task Agency_PostingADecisionOnAnotherAgencysTask_Gets404AndTheTaskStaysOpen()
    {
        var (trader, url) = await LodgeAndSubmitAsync();
        var consignmentId = url[(url.LastIndexOf('/') + 1)..];
        var plant = await fixture.SignInAsync(fixture.Uz, "plant-officer");
        await plant.GotoAsync(url);
        var plantDecide = (await plant.Locator("form[action$='/decide']").GetAttributeAsync("action"))!;

        // Customs has its own task on this consignment, so it can see it and holds a valid form token; it posts to
        // the plant agency's task with that token.
        var customs = await fixture.SignInAsync(fixture.Uz, "uz-customs-officer");
        await customs.GotoAsync(url);
        var token = customs.Locator("form[action$='/decide'] input[type=hidden]").First;
        var form = customs.APIRequest.CreateFormData();
        form.Set((await token.GetAttributeAsync("name"))!, (await token.GetAttributeAsync("value"))!);
        form.Set("consignment", consignmentId);
        form.Set("decision", "reject");
        form.Set("reason", "Forged by another agency.");
        var response = await customs.APIRequest.PostAsync(PortalFixture.Url(fixture.Uz, plantDecide.TrimStart('/')), new() { Form = form });

        Assert.Equal(404, response.Status);
        Assert.DoesNotContain("uz-plant", await response.TextAsync(), StringComparison.Ordinal);
        await trader.GotoAsync(url);
        await Expect(trader.Locator("#consignment-status")).ToHaveTextAsync("in_review");
        await Expect(trader.Locator("#tasks")).Not.ToContainTextAsync("Forged by another agency");
        await Expect(trader.Locator("#tasks tr:has-text('phytosanitary_certificate')")).ToContainTextAsync("open");
    }

    [Fact]
    public async Task AgencyAsksForInformation_TraderAnswers_TheTaskReopens_ThenTheTraderWithdraws()
    {
        var (trader, url) = await LodgeAndSubmitAsync();
        var consignmentId = url[(url.LastIndexOf('/') + 1)..];
        var customs = await fixture.SignInAsync(fixture.Uz, "uz-customs-officer");
        await customs.GotoAsync(PortalFixture.Url(fixture.Uz, "portal/agency?status=open&action=customs_clearance"));
        await customs.ClickAsync($"#tasks a:text('{consignmentId}')");
        await customs.SelectOptionAsync("#f-decision", "request_information");
        await customs.FillAsync("#f-reason", "Send the packing list for the 40 cartons.");
        await customs.ClickAsync("#decide");
        await Expect(customs.Locator("main")).ToContainTextAsync("Decision recorded.");
        await customs.GotoAsync(PortalFixture.Url(fixture.Uz, "portal/agency?status=information_requested"));
        await Expect(customs.Locator("#tasks")).ToContainTextAsync(consignmentId);

        await trader.GotoAsync(url);
        await Expect(trader.Locator("#tasks tr:has-text('customs_clearance')")).ToContainTextAsync("information_requested");
        await Expect(trader.Locator("#tasks")).ToContainTextAsync("Send the packing list for the 40 cartons.");
        await trader.FillAsync("#f-message", "Packing list: 40 cartons of 25 kg, marks FVF-2026.");
        await trader.ClickAsync("#respond");
        await Expect(trader.Locator("#tasks tr:has-text('customs_clearance')")).ToContainTextAsync("open");
        await Expect(trader.Locator("#timeline")).ToContainTextAsync("Packing list: 40 cartons of 25 kg, marks FVF-2026.");
        Assert.Equal(0, await trader.Locator("#respond").CountAsync());
        await customs.GotoAsync(url);
        await Expect(customs.Locator("#decide")).ToBeVisibleAsync();

        await trader.FillAsync("#f-reason", "The buyer cancelled the order.");
        await trader.ClickAsync("#withdraw");
        await Expect(trader.Locator("#consignment-status")).ToHaveTextAsync("withdrawn");
        await Expect(trader.Locator("#tasks")).ToContainTextAsync("cancelled");
        await Expect(trader.Locator("#timeline")).ToContainTextAsync("The buyer cancelled the order.");

        // The customs tab opened before the withdrawal still shows the form: its decision is a conflict and changes nothing.
        var late = await customs.RunAndWaitForResponseAsync(() => customs.ClickAsync("#decide"), r => r.Url.Contains("/decide", StringComparison.Ordinal));
        Assert.Equal(409, late.Status);
        await Expect(customs.Locator("main .error")).ToContainTextAsync("cannot be decided again");
        await Expect(customs.Locator("#consignment-status")).ToHaveTextAsync("withdrawn");
        await customs.GotoAsync(PortalFixture.Url(fixture.Uz, "portal/agency?status=open"));
        await Expect(customs.Locator("main")).Not.ToContainTextAsync(consignmentId);
    }

    [Fact]
    public async Task Customs_WritesARule_SeesTheRiskOfEachItem_AndRecordsAnInspection()
    {
        var (_, url) = await LodgeAndSubmitAsync();
        var customs = await fixture.SignInAsync(fixture.Uz, "uz-customs-officer");
        await customs.GotoAsync(PortalFixture.Url(fixture.Uz, "portal/risk"));
        await customs.FillAsync("#f-ruleset", """{"note":"uz fruit","thresholds":{"yellow":10,"red":90,"randomSelectionRate":0},"rules":[{"id":"uz-fruit","name":"Fresh fruit","condition":"hs startswith \"08\"","weight":20}]}""");
        await customs.ClickAsync("#save-draft");
        await Expect(customs.Locator("#done")).ToContainTextAsync("is saved");
        await customs.Locator("#rule-sets tbody tr", new() { HasText = "uz fruit" }).First.Locator("button", new() { HasText = "Activate" }).ClickAsync();
        await Expect(customs.Locator("#done")).ToContainTextAsync("is active");

        await customs.GotoAsync(url);
        await Expect(customs.Locator("#risk")).ToContainTextAsync("uz-fruit (+20): hs = \"080810\"");
        await Expect(customs.Locator("#risk")).ToContainTextAsync("yellow");
        await customs.SelectOptionAsync("#f-found", "true");
        await customs.FillAsync("#f-findings", "larvae in two cartons");
        await customs.ClickAsync("#record-inspection");
        await Expect(customs.Locator("p.notice")).ToContainTextAsync("rules marked: uz-fruit");

        // The trader sees no risk section.
        var trader = await fixture.SignInAsync(fixture.Uz, "fergana");
        await trader.GotoAsync(url);
        await Expect(trader.Locator("#risk")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task PhoneWidth_ConsignmentPage_HasNoHorizontalOverflow()
    {
        var (_, url) = await LodgeAndSubmitAsync();
        var phone = await fixture.SignInAsync(fixture.Uz, "fergana", width: 375);
        await phone.GotoAsync(url);
        var overflow = await phone.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth");
        Assert.False(overflow, "the consignment page scrolls sideways at 375 px");
        Assert.True(await phone.Locator("#withdraw").IsVisibleAsync());
    }
}

/// <summary>The operator manages the requirements matrix in the browser: upload a new version, see it active, a bad file changes nothing.</summary>
[Collection(PortalCollection.Name)]
public sealed class MatrixPortalBrowserTests(PortalFixture fixture)
{
    [Fact]
    public async Task Operator_PublishesAMatrixFile_AndABadFileChangesNothing()
    {
        var page = await fixture.SignInAsync(fixture.Kz, "kz-admin");
        await page.GotoAsync(PortalFixture.Url(fixture.Kz, "portal/operator/matrix"));
        await page.SetInputFilesAsync("#f-rules", new FilePayload
        {
            Name = "matrix.json",
            MimeType = "application/json",
            Buffer = System.Text.Encoding.UTF8.GetBytes("""{"rules":[{"id":"apples-in","hsPrefix":"0808","procedure":"import","action":"inspection","agencyPartyId":"kz-customs"}]}"""),
        });
        await page.FillAsync("#f-note", "apples need an inspection");
        await page.ClickAsync("#publish");
        await Expect(page.Locator("main")).ToContainTextAsync("is published and active");
        await Expect(page.Locator("#rules")).ToContainTextAsync("apples-in");
        var version = await page.Locator("#active-version").InnerTextAsync();

        await page.SetInputFilesAsync("#f-rules", new FilePayload
        {
            Name = "broken.json",
            MimeType = "application/json",
            Buffer = System.Text.Encoding.UTF8.GetBytes("""[{"id":"x","hsPrefix":"08","procedure":"smuggling","action":"inspection","agencyPartyId":"kz-customs"}]"""),
        });
        await page.ClickAsync("#publish");
        await Expect(page.Locator("main .error")).ToBeVisibleAsync();
        await page.GotoAsync(PortalFixture.Url(fixture.Kz, "portal/operator/matrix"));
        Assert.Equal(version, await page.Locator("#active-version").InnerTextAsync());

        var customs = await fixture.SignInAsync(fixture.Kz, "kz-officer");
        Assert.Equal(403, (await customs.GotoAsync(PortalFixture.Url(fixture.Kz, "portal/operator/matrix")))!.Status);
    }
}
