using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Caravan.Node.Configuration;
using Caravan.Node.Hosting;

namespace Caravan.Tests.TestSupport;

/// <summary>
/// Runs a node as separate OS processes (<c>dotnet Caravan.Node.dll --config</c>) on the data folder and database of
/// an in-process node that was stopped, so tests can show what several processes on one database do. Disposing kills them.
/// </summary>
public sealed class NodeProcesses : IAsyncDisposable
{
    private readonly List<Process> _processes = [];
    private readonly StringBuilder _output = new();

    /// <summary>What the processes wrote, prefixed by port (for a failing test's output).</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts one more process of the node <paramref name="template"/> describes; returns its base URL once it is healthy.</summary>
    public async Task<Uri> StartAsync(NodeOptions template, object? delivery = null)
    {
        ArgumentNullException.ThrowIfNull(template);
        var port = LocalNetwork.FreePort();
        var config = new
        {
            Country = new { template.Country.Code, template.Country.Name },
            PublicBaseUrl = $"http://127.0.0.1:{port}",
            template.DataFolder,
            Storage = new { template.Storage.Provider, template.Storage.ConnectionString },
            Partners = template.Partners.Select(p => new { p.Country, p.Endpoint, p.Certificate }),
            Delivery = delivery ?? new { BatchSize = 4, PollInterval = "00:00:00.100", Concurrency = 4 },
        };
        var path = Path.Combine(template.DataFolder, $"process-{port}.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(config));
        var start = new ProcessStartInfo("dotnet", [typeof(NodeHost).Assembly.Location, "--config", path])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        _processes.Add(process);
        process.OutputDataReceived += (_, e) => { lock (_output) { _output.AppendLine($"[{port}] {e.Data}"); } };
        process.ErrorDataReceived += (_, e) => { lock (_output) { _output.AppendLine($"[{port}!] {e.Data}"); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var baseUrl = new Uri($"http://127.0.0.1:{port}/");
        using var client = new HttpClient();
        var deadline = Environment.TickCount64 + 30_000;
        while (Environment.TickCount64 < deadline)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The node process exited with {process.ExitCode}: {Output}");
            }
            try
            {
                if ((await client.GetAsync(new Uri(baseUrl, "health"))).IsSuccessStatusCode)
                {
                    return baseUrl;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The node process on port {port} did not become healthy: {Output}");
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var process in _processes)
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
    }
}
