using System.CommandLine;
using Caravan.Cli;
using Caravan.Cli.Commands;

var root = new RootCommand("Caravan command-line tools.")
{
    As4InspectCommand.Create(),
};
return await CliRunner.RunAsync(root, args).ConfigureAwait(false);
