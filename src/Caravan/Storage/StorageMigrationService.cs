using Caravan.Storage.Migrations;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Caravan.Storage;

/// <summary>
/// Applies pending migrations when the host starts (unless <see cref="StorageOptions.MigrateOnStartup"/> is off).
/// A failure (e.g. an edited script) stops start-up.
/// </summary>
public sealed class StorageMigrationService(MigrationRunner runner, IOptions<StorageOptions> options) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.Value.MigrateOnStartup)
        {
            await runner.MigrateAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
