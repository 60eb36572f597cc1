using System.CommandLine;
using Caravan.Cli;
using Caravan.Cli.Commands;
using Caravan.Node.Configuration;
using Caravan.Node.Hosting;

namespace Caravan.Tests.Node.Configuration;

/// <summary>A bad node configuration stops start-up with a message naming the setting; a good one starts a node.</summary>
public sealed class NodeConfigurationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "caravan-config-" + Guid.NewGuid().ToString("N"));

    public NodeConfigurationTests()
    {
        Directory.CreateDirectory(_folder);
        using var identity = NodeIdentity();
        File.WriteAllText(Path.Combine(_folder, "kz.pem"), identity.ExportCertificatePem());
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static System.Security.Cryptography.X509Certificates.X509Certificate2 NodeIdentity() =>
        Caravan.Trust.NodeIdentity.CreateSelfSigned("KZ", "KZ", TimeProvider.System.GetUtcNow(), TimeSpan.FromDays(30));

    private string Write(string json)
    {
        var path = Path.Combine(_folder, $"node-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        return path;
    }

    private static string Config(string country = "\"UZ\"", string url = "\"http://127.0.0.1:5999\"", string storage = "{}", string partners = "[{\"Country\":\"KZ\",\"Endpoint\":\"http://127.0.0.1:5998/as4\",\"Certificate\":\"kz.pem\"}]", string extra = "") =>
        $$"""{"Country":{"Code":{{country}},"Name":"Uzbekistan"},"PublicBaseUrl":{{url}},"DataFolder":"data","Storage":{{storage}},"Partners":{{partners}}{{extra}}}""";

    private static async Task<(int ExitCode, string Error)> RunNodeAsync(string path, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand { NodeCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliRunner.RunAsync(root, ["node", "--config", path], output, error, cancellationToken);
        return (exitCode, error.ToString());
    }

    [Theory]
    [InlineData("\"Kazakhstan\"", "Country:Code")]
    [InlineData("\"XX\"", "Country:Code")]
    public async Task BadCountry_StopsStartUp_NamingTheSetting(string country, string setting)
    {
        var (exitCode, error) = await RunNodeAsync(Write(Config(country: country)));
        Assert.Equal(ExitCodes.Configuration, exitCode);
        Assert.Contains(setting, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BadUrl_StopsStartUp_NamingTheSetting()
    {
        var (exitCode, error) = await RunNodeAsync(Write(Config(url: "\"ftp://nowhere\"")));
        Assert.Equal(ExitCodes.Configuration, exitCode);
        Assert.Contains("PublicBaseUrl", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task UnknownSetting_StopsStartUp_NamingIt()
    {
        var (exitCode, error) = await RunNodeAsync(Write(Config(extra: ",\"Colour\":\"blue\"")));
        Assert.Equal(ExitCodes.Configuration, exitCode);
        Assert.Contains("Colour", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MissingPartnerCertificate_StopsStartUp_NamingThePartner()
    {
        var (exitCode, error) = await RunNodeAsync(Write(Config(partners: "[{\"Country\":\"KZ\",\"Endpoint\":\"http://127.0.0.1:5998/as4\",\"Certificate\":\"missing.pem\"}]")));
        Assert.Equal(ExitCodes.Configuration, exitCode);
        Assert.Contains("Partners:0:Certificate", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"EncryptionKeyMessages\":0", "Delivery:EncryptionKeyMessages")]
    [InlineData("\"EncryptionKeyMessages\":1000001", "Delivery:EncryptionKeyMessages")]
    [InlineData("\"EncryptionKeyLifetime\":\"00:00:00\"", "Delivery:EncryptionKeyLifetime")]
    [InlineData("\"EncryptionKeyLifetime\":\"2.00:00:00\"", "Delivery:EncryptionKeyLifetime")]
    public void BadContentKeyReuse_IsRefused_NamingTheSetting(string delivery, string setting)
    {
        var errors = NodeOptionsValidator.Validate(NodeConfigurationLoader.Load(Write(Config(extra: ",\"Delivery\":{" + delivery + "}"))));
        Assert.Contains(errors, e => e.StartsWith(setting + ":", StringComparison.Ordinal));
    }

    [Fact]
    public async Task PostgresWithoutConnectionString_StopsStartUp()
    {
        var (exitCode, error) = await RunNodeAsync(Write(Config(storage: "{\"Provider\":\"Postgres\"}")));
        Assert.Equal(ExitCodes.Configuration, exitCode);
        Assert.Contains("Storage:ConnectionString", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task DuplicatePartner_AndSelfAsPartner_AreRefused()
    {
        var errors = NodeOptionsValidator.Validate(NodeConfigurationLoader.Load(Write(Config(partners:
            "[{\"Country\":\"KZ\",\"Endpoint\":\"http://a/as4\",\"Certificate\":\"kz.pem\"},{\"Country\":\"KZ\",\"Endpoint\":\"http://b/as4\",\"Certificate\":\"kz.pem\"},{\"Country\":\"UZ\",\"Endpoint\":\"http://c/as4\",\"Certificate\":\"kz.pem\"}]"))));
        Assert.Contains(errors, e => e.StartsWith("Partners:1:Country", StringComparison.Ordinal) && e.Contains("twice", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("Partners:2:Country", StringComparison.Ordinal) && e.Contains("own partner", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ValidConfiguration_StartsANodeThatAnswersHealth()
    {
        var port = LocalNetwork.FreePort();
        var path = Write(Config(url: $"\"http://127.0.0.1:{port}\""));
        using var stop = new CancellationTokenSource();
        var running = RunNodeAsync(path, stop.Token);
        using var client = new HttpClient();
        var healthy = false;
        for (var i = 0; i < 100 && !healthy; i++)
        {
            try
            {
                healthy = (await client.GetAsync($"http://127.0.0.1:{port}/health")).IsSuccessStatusCode;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(100);
            }
        }
        await stop.CancelAsync();
        var (exitCode, error) = await running;
        Assert.True(healthy, error);
        Assert.Equal(0, exitCode);
        Assert.True(File.Exists(Path.Combine(_folder, "data", "operator.token")));
        Assert.True(File.Exists(Path.Combine(_folder, "data", "caravan.db")));
    }
}
