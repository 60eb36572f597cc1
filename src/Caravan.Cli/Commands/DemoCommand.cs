using System.CommandLine;
using Caravan.Cli.Demo;

namespace Caravan.Cli.Commands;

/// <summary><c>caravan demo [--keep-running] [--folder DIR]</c>: the regional network demo.</summary>
public static class DemoCommand
{
    public static Command Create()
    {
        var keepRunning = new Option<bool>("--keep-running") { Description = "Leave the nodes up after the story, to explore the API." };
        var folder = new Option<DirectoryInfo?>("--folder") { Description = "Keep the nodes' data here instead of a temporary folder." };
        var command = new Command("demo", "Start KZ, UZ and CN nodes on 127.0.0.1 and carry a certificate of origin across the border.") { keepRunning, folder };
        command.SetAction(async (parse, cancellationToken) =>
        {
            try
            {
                return await new DemoRunner(parse.InvocationConfiguration.Output, TimeProvider.System)
                    .RunAsync(parse.GetValue(keepRunning), parse.GetValue(folder)?.FullName, cancellationToken).ConfigureAwait(false);
            }
            catch (DemoFailedException ex)
            {
                await parse.InvocationConfiguration.Error.WriteLineAsync("demo failed: " + ex.Message).ConfigureAwait(false);
                return ExitCodes.Failure;
            }
        });
        return command;
    }
}
