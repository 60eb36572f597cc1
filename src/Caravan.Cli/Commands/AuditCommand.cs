using System.CommandLine;
using Caravan.Exchange.Audit;
using Caravan.Node.Configuration;
using Caravan.Node.Hosting;
using Caravan.Storage;

namespace Caravan.Cli.Commands;

/// <summary>
/// <c>caravan audit verify (--config FILE | --data-folder DIR | --postgres CONNSTRING)</c>: walks a node's
/// hash-chained audit log and reports the first rewritten or deleted entry. Exit 0 intact, 2 broken, 64 bad usage.
/// </summary>
public static class AuditCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo?>("--config") { Description = "The node's configuration file (its storage settings are used)." };
        var dataFolder = new Option<DirectoryInfo?>("--data-folder") { Description = "A node data folder with the embedded SQLite database (caravan.db)." };
        var postgres = new Option<string?>("--postgres") { Description = "A PostgreSQL connection string of the node's database." };
        var verify = new Command("verify", "Verify the audit chain: every entry's hash, the links between entries, and the chain head.") { config, dataFolder, postgres };
        verify.SetAction(async (parse, cancellationToken) =>
        {
            var chosen = new object?[] { parse.GetValue(config), parse.GetValue(dataFolder), parse.GetValue(postgres) }.Count(v => v is not null);
            if (chosen != 1)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("audit verify: give exactly one of --config, --data-folder or --postgres.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            StorageOptions storage;
            if (parse.GetValue(config) is { } file)
            {
                try
                {
                    storage = NodeHost.StorageOptionsFor(NodeConfigurationLoader.Load(file.FullName));
                }
                catch (NodeConfigurationException ex)
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
            }
            else if (parse.GetValue(dataFolder) is { } folder)
            {
                if (!File.Exists(Path.Combine(folder.FullName, StorageOptions.DefaultSqliteFileName)))
                {
                    await parse.InvocationConfiguration.Error.WriteLineAsync($"audit verify: {folder.FullName} holds no {StorageOptions.DefaultSqliteFileName}.").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
                storage = new StorageOptions { Provider = StorageProvider.Sqlite, DataDirectory = folder.FullName };
            }
            else
            {
                storage = new StorageOptions { Provider = StorageProvider.Postgres, ConnectionString = parse.GetValue(postgres) };
            }

            await using var database = CaravanDatabase.Create(storage);
            var result = await new AuditVerifier(database).VerifyAsync(cancellationToken).ConfigureAwait(false);
            if (result.IsIntact)
            {
                await parse.InvocationConfiguration.Output.WriteLineAsync($"audit chain intact: {result.EntriesChecked} entries, head seq {result.Head.Seq}, head hash {result.Head.Hash}").ConfigureAwait(false);
                return ExitCodes.Ok;
            }
            var violation = result.FirstViolation!;
            await parse.InvocationConfiguration.Output.WriteLineAsync($"audit chain BROKEN at seq {violation.Seq}: {violation.Kind}: {violation.Description}").ConfigureAwait(false);
            return ExitCodes.CheckFailed;
        });
        return new Command("audit", "The node's tamper-evident audit log.") { verify };
    }
}
