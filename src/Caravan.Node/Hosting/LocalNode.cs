using Caravan.Node.Configuration;

namespace Caravan.Node.Hosting;

/// <summary>One running node of a <see cref="LocalNetwork"/> (or started alone): its options, base URL and operator token.</summary>
public sealed class LocalNode : IAsyncDisposable
{
    private LocalNode(NodeOptions options, WebApplication app, string operatorToken)
    {
        Options = options;
        App = app;
        OperatorToken = operatorToken;
    }

    public NodeOptions Options { get; }

    public WebApplication App { get; }

    public string Country => Options.Country.Code;

    public Uri BaseUrl => new(Options.PublicBaseUrl.TrimEnd('/') + "/");

    /// <summary>The operator's bearer token, read from the node's data folder.</summary>
    public string OperatorToken { get; }

    public IServiceProvider Services => App.Services;

    public static Task<LocalNode> StartAsync(NodeOptions options, TimeProvider time, CancellationToken cancellationToken) =>
        StartAsync(options, time, null, cancellationToken);

    /// <param name="options">The node's configuration.</param>
    /// <param name="time">The node's clock.</param>
    /// <param name="configureHost">Changes to the host before it is built (a test adds a service, for example).</param>
    /// <param name="cancellationToken">Cancels start-up.</param>
    public static async Task<LocalNode> StartAsync(NodeOptions options, TimeProvider time, Action<WebApplicationBuilder>? configureHost, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var app = await NodeHost.BuildAsync(options, time, configureHost, cancellationToken).ConfigureAwait(false);
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        var token = (await File.ReadAllTextAsync(Path.Combine(options.DataFolder, OperatorBootstrap.TokenFileName), cancellationToken).ConfigureAwait(false)).Trim();
        return new LocalNode(options, app, token);
    }

    /// <summary>An HTTP client for this node's API, authenticated with <paramref name="token"/> (the operator's by default).</summary>
    public HttpClient CreateClient(string? token = null)
    {
        var client = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token ?? OperatorToken);
        return client;
    }

    private bool _disposed;

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }
        _disposed = true;
        try
        {
            await App.StopAsync().ConfigureAwait(false);
        }
        finally
        {
            await App.DisposeAsync().ConfigureAwait(false);
        }
    }
}
