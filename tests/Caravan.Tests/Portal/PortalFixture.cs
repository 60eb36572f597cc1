using System.Text.Json.Nodes;
using Caravan.Node.Hosting;
using Caravan.Parties;
using Caravan.Tests.TestSupport;
using Microsoft.Playwright;

namespace Caravan.Tests.Portal;

/// <summary>
/// Shared by the portal's browser tests: a UZ (issuing) and KZ (importing) node on the provider CARAVAN_TEST_DB
/// selects, their parties and portal accounts (created through the operator API), one certificate issued in UZ and
/// received in KZ, and one headless Debian Chromium driven by Playwright. A missing Chromium fails the tests.
/// </summary>
public sealed class PortalFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";

    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public TestNetwork Network { get; private set; } = null!;

    public OriginScenario Scenario { get; private set; } = null!;

    /// <summary>The one password of every test account (random per run).</summary>
    public string Password { get; } = AccountPasswords.Generate();

    /// <summary>The certificate issued in UZ and received in KZ during set-up.</summary>
    public string Number { get; private set; } = "";

    public string SignedXml { get; private set; } = "";

    public LocalNode Uz => Network["UZ"];

    public LocalNode Kz => Network["KZ"];

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser is not started.");

    public async Task InitializeAsync()
    {
        if (!File.Exists(ChromiumPath))
        {
            throw new InvalidOperationException($"Chromium is not installed at {ChromiumPath}: apt-get install chromium (./test.sh installs it).");
        }
        var launching = LaunchAsync();
        Network = await TestNetwork.StartAsync(["UZ", "KZ"], configure: o => o.Payments.EnableFakeProvider = true);
        Scenario = await OriginScenario.CreateAsync(Network);
        using (var uzOperator = Uz.CreateClient())
        using (var kzOperator = Kz.CreateClient())
        {
            await CreateAccountAsync(uzOperator, "fergana", "Dilshod Karimov", "fergana-fruits");
            await CreateAccountAsync(uzOperator, "samarkand", "Aziza Rahimova", "samarkand-silk");
            await CreateAccountAsync(uzOperator, "officer", "Nodira Yusupova", "uz-chamber");
            await CreateAccountAsync(uzOperator, "uz-admin", "UZ node operator", OperatorBootstrap.OperatorPartyId);
            await CreateAccountAsync(kzOperator, "kz-officer", "Aibek Nurlanov", "kz-customs");
            await CreateAccountAsync(kzOperator, "kz-admin", "KZ node operator", OperatorBootstrap.OperatorPartyId);
        }
        Number = await Scenario.IssueAsync();
        await OriginScenario.EventuallyAsync(Scenario.Customs, $"api/v1/certificates/UZ/{Number}", c => c["status"]?.GetValue<string>() == "received");
        var issued = await (await Scenario.Authority.GetAsync($"api/v1/certificates/UZ/{Number}")).ExpectAsync(200);
        SignedXml = issued["signedXml"]!.GetValue<string>();
        await launching;
    }

    private async Task LaunchAsync()
    {
        _playwright = await Playwright.CreateAsync();
        _browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = ChromiumPath,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    public Task CreateAccountAsync(HttpClient operatorClient, string username, string displayName, string partyId) =>
        operatorClient.PostJsonAsync("api/v1/accounts", new { username, displayName, partyId, password = Password }).ContinueWith(t => t.Result.ExpectAsync(201)).Unwrap();

    /// <summary>A fresh browser context (its own cookies) with one page, optionally at a phone's width.</summary>
    public async Task<IPage> NewPageAsync(int width = 1100, int height = 800)
    {
        var context = await Browser.NewContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, AcceptDownloads = true });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    /// <summary>Opens the sign-in page of <paramref name="node"/> in a new context and signs in.</summary>
    public async Task<IPage> SignInAsync(LocalNode node, string username, int width = 1100)
    {
        var page = await NewPageAsync(width);
        await page.GotoAsync(Url(node, "portal/sign-in"));
        await page.FillAsync("#f-username", username);
        await page.FillAsync("#f-password", Password);
        await page.ClickAsync("main button[type=submit]");
        // Password hashing (PBKDF2, 600,000 iterations) is slow on purpose; on a loaded 2-core machine give it time.
        await page.WaitForURLAsync(u => !u.Contains("/sign-in", StringComparison.Ordinal), new() { Timeout = 60_000 });
        return page;
    }

    /// <summary>A new application by the first trader, through the API; returns its id.</summary>
    public async Task<string> ApplyAsync()
    {
        var application = await (await Scenario.Exporter.PostJsonAsync("api/v1/origin/applications", OriginScenario.ApplicationBody().ToJsonString())).ExpectAsync(201);
        return application["id"]!.GetValue<string>();
    }

    public static string Url(LocalNode node, string path) => new Uri(node.BaseUrl, path).ToString();

    private Task? _window;

    /// <summary>
    /// Once per fixture: UZ's plant-protection agency, customs and veterinary agency with their accounts, and a matrix
    /// under which fruit exports need an ePhyto (plant agency) and every export needs customs clearance.
    /// </summary>
    public Task EnsureWindowAsync()
    {
        lock (this)
        {
            return _window ??= SetUpWindowAsync();
        }
    }

    private async Task SetUpWindowAsync()
    {
        using var uzOperator = Uz.CreateClient();
        foreach (var (party, name, role, username, person) in new[]
        {
            ("uz-plant", "UZ Plant Quarantine Inspection", "agency", "plant-officer", "Bekzod Rakhimov"),
            ("uz-customs", "UZ Customs Committee", "customs", "uz-customs-officer", "Sardor Aliyev"),
            ("uz-vet", "UZ Veterinary Committee", "agency", "vet-officer", "Malika Tursunova"),
        })
        {
            await uzOperator.CreatePartyAsync(party, name, role);
            await CreateAccountAsync(uzOperator, username, person, party);
        }
        await (await uzOperator.PostJsonAsync("api/v1/matrix/versions", new
        {
            rules = new object[]
            {
                new { id = "fruit-phyto", hsPrefix = "08", procedure = "export", action = "phytosanitary_certificate", agencyPartyId = "uz-plant" },
                new { id = "export-clearance", hsPrefix = "", procedure = "export", action = "customs_clearance", agencyPartyId = "uz-customs" },
            },
            note = "portal tests",
        })).ExpectAsync(201);
    }

    public async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }
        _playwright?.Dispose();
        if (Network is not null)
        {
            await Network.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class PortalCollection : ICollectionFixture<PortalFixture>
{
    public const string Name = "Portal (one network and one browser)";
}
