using System.CommandLine;
using Microsoft.Extensions.Hosting;
using Caravan.Node.Configuration;
using Caravan.Node.Hosting;

namespace Caravan.Cli.Commands;

/// <summary><c>caravan node --config FILE</c>: runs one country's node until stopped.</summary>
public static class NodeCommand
{
    public static Command Create()
    {
        var config = new Option<FileInfo>("--config") { Description = "The node's JSON configuration file.", Required = true };
        var command = new Command("node", "Run one country's node from a configuration file.") { config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var file = parse.GetValue(config)!;
            try
            {
                var options = NodeConfigurationLoader.Load(file.FullName);
                await using var app = await NodeHost.BuildAsync(options, cancellationToken: cancellationToken).ConfigureAwait(false);
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (NodeConfigurationException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
                return ExitCodes.Configuration;
            }
        });
        return command;
    }
}
