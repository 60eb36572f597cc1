using Caravan.Node.Configuration;
using Caravan.Node.Hosting;
using Dapper;
using Npgsql;

namespace Caravan.Bench.Gateway;

/// <summary>Two real nodes (UZ sends, KZ receives) on loopback for the gateway benchmarks, on SQLite or fresh PostgreSQL databases.</summary>
internal sealed class BenchNetwork : IAsyncDisposable
{
    private readonly List<string> _databases;
    private readonly string? _admin;

    private BenchNetwork(LocalNetwork network, List<string> databases, string? admin)
    {
        Network = network;
        _databases = databases;
        _admin = admin;
    }

    public LocalNetwork Network { get; }

    public LocalNode Sender => Network["UZ"];

    public LocalNode Receiver => Network["KZ"];

    public static async Task<BenchNetwork> StartAsync(bool postgres, string adminConnectionString, Action<NodeOptions>? configure = null)
    {
        var databases = new List<string>();
        var storage = new Dictionary<string, StorageSettings>();
        string? admin = null;
        if (postgres)
        {
            admin = new NpgsqlConnectionStringBuilder(adminConnectionString) { Pooling = false }.ConnectionString;
            await using var connection = new NpgsqlConnection(admin);
            await connection.OpenAsync().ConfigureAwait(false);
            foreach (var country in new[] { "UZ", "KZ" })
            {
                var name = $"caravan_bench_{country.ToLowerInvariant()}_{Guid.NewGuid():N}"[..40];
                await connection.ExecuteAsync($"CREATE DATABASE \"{name}\"").ConfigureAwait(false);
                databases.Add(name);
                storage[country] = new StorageSettings
                {
                    Provider = "Postgres",
                    ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, MaxPoolSize = 100 }.ConnectionString,
                };
            }
        }
        var network = await LocalNetwork.StartAsync([("UZ", "Uzbekistan"), ("KZ", "Kazakhstan")],
            storage: code => storage.GetValueOrDefault(code) ?? new StorageSettings(), configure: configure).ConfigureAwait(false);
        return new BenchNetwork(network, databases, admin);
    }

    public async ValueTask DisposeAsync()
    {
        await Network.DisposeAsync().ConfigureAwait(false);
        if (_admin is null)
        {
            return;
        }
        await using var connection = new NpgsqlConnection(_admin);
        await connection.OpenAsync().ConfigureAwait(false);
        foreach (var name in _databases)
        {
            await connection.ExecuteAsync($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)").ConfigureAwait(false);
        }
    }
}
