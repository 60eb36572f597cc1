using System.Net;
using System.Net.Sockets;
using Caravan.Node.Configuration;
using Caravan.Trust;

namespace Caravan.Node.Hosting;

/// <summary>
/// Several country nodes on 127.0.0.1 that trust each other's generated certificates: the demo network, and the
/// network integration tests and benchmarks run against. Each node is a full node (its own data folder, database,
/// identity, Kestrel listener); they talk real HTTP and AS4 to each other.
/// </summary>
public sealed class LocalNetwork : IAsyncDisposable
{
    private readonly Dictionary<string, LocalNode> _nodes;
    private readonly bool _deleteRoot;

    private readonly TimeProvider _time;
    private readonly Action<string, WebApplicationBuilder>? _configureHost;

    private LocalNetwork(string root, Dictionary<string, LocalNode> nodes, bool deleteRoot, TimeProvider time, Action<string, WebApplicationBuilder>? configureHost)
    {
        Root = root;
        _nodes = nodes;
        _deleteRoot = deleteRoot;
        _time = time;
        _configureHost = configureHost;
    }

    /// <summary>Stops one node (as if its country went offline); its data folder and database stay.</summary>
    public async Task StopAsync(string country, CancellationToken cancellationToken = default)
    {
        var node = _nodes[country];
        await node.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Starts a stopped node again with the same configuration, port and data.</summary>
    public async Task<LocalNode> RestartAsync(string country, CancellationToken cancellationToken = default)
    {
        var options = _nodes[country].Options;
        var node = await LocalNode.StartAsync(options, _time, HostChanges(_configureHost, country), cancellationToken).ConfigureAwait(false);
        _nodes[country] = node;
        return node;
    }

    /// <summary>The folder holding every node's data folder and the exchanged public certificates.</summary>
    public string Root { get; }

    public IReadOnlyDictionary<string, LocalNode> Nodes => _nodes;

    public LocalNode this[string country] => _nodes[country];

    /// <summary>Creates the configuration of every node (ports, identities, mutual trust) without starting any.</summary>
    public static IReadOnlyList<NodeOptions> Plan(string root, IReadOnlyList<(string Code, string Name)> countries, TimeProvider time, Func<string, StorageSettings>? storage = null)
    {
        ArgumentNullException.ThrowIfNull(countries);
        ArgumentNullException.ThrowIfNull(time);
        Directory.CreateDirectory(root);
        var certFolder = Path.Combine(root, "certificates");
        Directory.CreateDirectory(certFolder);
        var planned = new List<(string Code, string Name, string Folder, int Port, string Cert)>();
        foreach (var (code, name) in countries)
        {
            var folder = Path.Combine(root, code.ToLowerInvariant());
            using var identity = NodeIdentity.LoadOrCreate(folder, code, $"{name} single window", time);
            var certPath = Path.Combine(certFolder, $"{code}.pem");
            File.WriteAllText(certPath, identity.ExportPublicCertificatePem());
            planned.Add((code, name, folder, FreePort(), certPath));
        }
        return planned.Select(n => new NodeOptions
        {
            Country = new CountryOptions { Code = n.Code, Name = n.Name, Currency = NationalCurrencies.GetValueOrDefault(n.Code, "USD") },
            PublicBaseUrl = $"http://127.0.0.1:{n.Port}",
            DataFolder = n.Folder,
            Storage = storage?.Invoke(n.Code) ?? new StorageSettings(),
            Partners = planned.Where(p => p.Code != n.Code).Select(p => new PartnerOptions
            {
                Country = p.Code,
                Endpoint = $"http://127.0.0.1:{p.Port}/as4",
                Certificate = p.Cert,
            }).ToList(),
        }).ToList();
    }

    /// <summary>Plans and starts the nodes. When <paramref name="root"/> is null a temporary folder is used and deleted on dispose.</summary>
    public static async Task<LocalNetwork> StartAsync(
        IReadOnlyList<(string Code, string Name)> countries,
        string? root = null,
        TimeProvider? time = null,
        Func<string, StorageSettings>? storage = null,
        Action<NodeOptions>? configure = null,
        Action<string, WebApplicationBuilder>? configureHost = null,
        CancellationToken cancellationToken = default)
    {
        time ??= TimeProvider.System;
        var deleteRoot = root is null;
        root ??= Path.Combine(Path.GetTempPath(), "caravan-network-" + Guid.NewGuid().ToString("N")[..12]);
        var nodes = new Dictionary<string, LocalNode>(StringComparer.OrdinalIgnoreCase);
        var network = new LocalNetwork(root, nodes, deleteRoot, time, configureHost);
        try
        {
            foreach (var options in Plan(root, countries, time, storage))
            {
                configure?.Invoke(options);
                var node = await LocalNode.StartAsync(options, time, HostChanges(configureHost, options.Country.Code), cancellationToken).ConfigureAwait(false);
                nodes[options.Country.Code] = node;
            }
            return network;
        }
        catch
        {
            await network.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var node in _nodes.Values)
        {
            await node.DisposeAsync().ConfigureAwait(false);
        }
        if (_deleteRoot)
        {
            try
            {
                Directory.Delete(Root, recursive: true);
            }
            catch (IOException)
            {
                // Best effort: a file may still be held by a closing connection.
            }
        }
    }

    private static Action<WebApplicationBuilder>? HostChanges(Action<string, WebApplicationBuilder>? configureHost, string country) =>
        configureHost is null ? null : builder => configureHost(country, builder);

    /// <summary>A free TCP port on the loopback interface (there is a small window in which another process could take it).</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>The national currencies of the countries the demo and tests run (others default to USD).</summary>
    private static readonly Dictionary<string, string> NationalCurrencies = new(StringComparer.Ordinal)
    {
        ["KZ"] = "KZT", ["UZ"] = "UZS", ["CN"] = "CNY", ["KG"] = "KGS", ["TJ"] = "TJS", ["TM"] = "TMT", ["AF"] = "AFN", ["AZ"] = "AZN",
        ["GE"] = "GEL", ["MN"] = "MNT", ["PK"] = "PKR", ["GB"] = "GBP",
    };
}
