using Caravan.Storage.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Caravan.Storage;

/// <summary>Registers the node's database, validated options and start-up migrations.</summary>
public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="StorageOptions"/> (validated on start), a singleton <see cref="CaravanDatabase"/>, the
    /// <see cref="MigrationRunner"/> and a hosted service that migrates on start-up. Bind the options from
    /// configuration with <c>services.Configure&lt;StorageOptions&gt;(config.GetSection(StorageOptions.SectionName))</c>
    /// or pass <paramref name="configure"/>.
    /// </summary>
    public static IServiceCollection AddCaravanStorage(this IServiceCollection services, Action<StorageOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = services.AddOptions<StorageOptions>();
        if (configure is not null)
        {
            builder.Configure(configure);
        }
        builder.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => CaravanDatabase.Create(sp.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton(sp => new MigrationRunner(sp.GetRequiredService<CaravanDatabase>(), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<StorageMigrationService>();
        return services;
    }
}
