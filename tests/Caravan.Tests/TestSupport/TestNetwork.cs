using Caravan.Node.Configuration;
using Caravan.Node.Hosting;
using Caravan.Storage;
using Microsoft.AspNetCore.Builder;

namespace Caravan.Tests.TestSupport;

/// <summary>
/// Starts real nodes on 127.0.0.1 for a test, each on the provider CARAVAN_TEST_DB selects (a fresh PostgreSQL
/// database per node on PostgreSQL). Disposing stops the nodes and drops their databases.
/// </summary>
public sealed class TestNetwork : IAsyncDisposable
{
    private readonly List<TestDatabase> _databases;

    private TestNetwork(LocalNetwork network, List<TestDatabase> databases)
    {
        Network = network;
        _databases = databases;
    }

    public LocalNetwork Network { get; }

    public LocalNode this[string country] => Network[country];

    public static async Task<TestNetwork> StartAsync(
        string[] countries, TimeProvider? time = null, Action<NodeOptions>? configure = null, Action<string, WebApplicationBuilder>? configureHost = null)
    {
        var databases = new List<TestDatabase>();
        var storage = new Dictionary<string, StorageSettings>(StringComparer.OrdinalIgnoreCase);
        foreach (var country in countries)
        {
            if (TestDatabase.SelectedProvider == StorageProvider.Postgres)
            {
                var database = await TestDatabase.CreateAsync(migrate: false);
                databases.Add(database);
                storage[country] = new StorageSettings { Provider = "Postgres", ConnectionString = database.Options.ConnectionString };
            }
            else
            {
                storage[country] = new StorageSettings();
            }
        }
        var network = await LocalNetwork.StartAsync(
            countries.Select(c => (c, CountryNames.GetValueOrDefault(c, c))).ToList(),
            time: time,
            storage: c => storage[c],
            configure: configure,
            configureHost: configureHost);
        return new TestNetwork(network, databases);
    }

    private static readonly Dictionary<string, string> CountryNames = new(StringComparer.OrdinalIgnoreCase)
    {
        ["KZ"] = "Kazakhstan",
        ["UZ"] = "Uzbekistan",
        ["CN"] = "China",
        ["KG"] = "Kyrgyzstan",
    };

    public async ValueTask DisposeAsync()
    {
        await Network.DisposeAsync();
        foreach (var database in _databases)
        {
            await database.DisposeAsync();
        }
    }
}
