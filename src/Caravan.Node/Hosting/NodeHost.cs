using Caravan.Node.Api;
using Caravan.Node.Api.Endpoints;
using Caravan.Node.Api.Security;
using Caravan.Node.Configuration;
using Caravan.Node.Gateway;
using Caravan.Node.Portal;
using Caravan.Parties;
using Caravan.Storage;
using Caravan.Storage.Migrations;
using Caravan.Trust;
using Caravan.Window.Certificates;
using Microsoft.AspNetCore.Authentication;

namespace Caravan.Node.Hosting;

/// <summary>
/// Builds one country's node: validates the configuration, prepares the data folder, identity, trust list and
/// database (migrated on start-up), and wires the API, the AS4 endpoint and the delivery worker.
/// </summary>
public static class NodeHost
{
    public static async Task<WebApplication> BuildAsync(NodeOptions options, TimeProvider? time = null, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        time ??= TimeProvider.System;
        var errors = NodeOptionsValidator.Validate(options);
        if (errors.Count > 0)
        {
            throw new NodeConfigurationException(errors);
        }
        options.Country.Code = options.Country.Code.ToUpperInvariant();
        Directory.CreateDirectory(options.DataFolder);

        var identity = options.Identity.Pkcs12Path is { } pfx
            ? NodeIdentity.LoadPkcs12(pfx, options.Identity.Password)
            : NodeIdentity.LoadOrCreate(options.DataFolder, options.Country.Code, $"{options.Country.Name} single window", time);
        var trustList = new TrustList(PartnerLoader.Load(options));
        var runtime = new NodeRuntime(options, identity, trustList);

        var database = CaravanDatabase.Create(StorageOptionsFor(options));
        await new MigrationRunner(database, time).MigrateAsync(cancellationToken).ConfigureAwait(false);

        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ApplicationName = typeof(NodeHost).Assembly.GetName().Name });
        builder.WebHost.UseUrls(options.Listen ?? options.PublicBaseUrl);
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss.fff ";
        });
        builder.Logging.SetMinimumLevel(LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.Hosting.Lifetime", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);

        var services = builder.Services;
        services.AddSingleton(time);
        services.AddSingleton(runtime);
        services.AddSingleton(identity);
        services.AddSingleton(trustList);
        services.AddSingleton(database);
        services.AddSingleton<ApiJson>();
        services.AddSingleton<PartyStore>();
        services.AddSingleton<RevocationStore>();
        services.AddProblemDetails();
        services.AddAuthentication(BearerTokenHandler.SchemeName)
            .AddScheme<AuthenticationSchemeOptions, BearerTokenHandler>(BearerTokenHandler.SchemeName, null);
        services.AddAuthorizationBuilder().AddCaravanPolicies();
        services.AddOpenApi("v1");
        services.AddGateway(runtime);
        services.AddWindow();
        services.AddPayments(runtime);
        services.AddPortal(runtime);
        services.ConfigureHttpJsonOptions(o =>
        {
            var api = ApiJson.Create();
            o.SerializerOptions.PropertyNamingPolicy = api.PropertyNamingPolicy;
            o.SerializerOptions.DefaultIgnoreCondition = api.DefaultIgnoreCondition;
            foreach (var converter in api.Converters)
            {
                o.SerializerOptions.Converters.Add(converter);
            }
        });
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapOpenApi("/openapi/{documentName}.json").AllowAnonymous();
        app.MapGet("/health", () => Results.Ok(new { status = "ok", country = runtime.CountryCode })).AllowAnonymous();

        var api = app.MapGroup("/api/v1");
        api.MapOperatorEndpoints();
        api.MapOriginEndpoints();
        api.MapCertificateEndpoints();
        api.MapPhytoEndpoints();
        api.MapDutyEndpoints();
        api.MapParcelEndpoints();
        api.MapPaymentEndpoints();
        api.MapRiskEndpoints();
        api.MapExchangeEndpoints();
        api.MapWindowEndpoints();
        api.MapConsignmentEndpoints();
        app.MapAs4Endpoint();
        app.MapPortal();

        await app.Services.GetRequiredService<RevocationStore>().RefreshAsync(cancellationToken).ConfigureAwait(false);
        await OperatorBootstrap.EnsureAsync(app.Services, options.DataFolder, cancellationToken).ConfigureAwait(false);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Caravan.Node");
        app.Lifetime.ApplicationStarted.Register(() => NodeLog.Started(log, runtime.CountryCode, options.Listen ?? options.PublicBaseUrl,
            database.Provider.ToString(), identity.Certificate.SerialNumber, trustList.Partners.Count));
        return app;
    }

    /// <summary>The storage settings of a node configuration, with SQLite defaulting to {DataFolder}/caravan.db.</summary>
    public static StorageOptions StorageOptionsFor(NodeOptions options) =>
        string.Equals(options.Storage.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase)
            ? new StorageOptions { Provider = StorageProvider.Sqlite, ConnectionString = options.Storage.ConnectionString, DataDirectory = options.DataFolder }
            : new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = options.Storage.ConnectionString };
}
