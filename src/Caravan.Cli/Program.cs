using System.CommandLine;
using Caravan.Cli;
using Caravan.Cli.Commands;

var root = new RootCommand("Caravan: national single-window nodes exchanging signed trade documents over AS4.")
{
    DemoCommand.Create(),
    NodeCommand.Create(),
    AuditCommand.Create(),
    As4InspectCommand.Create(),
    DocCommand.Create(),
};
return await CliRunner.RunAsync(root, args).ConfigureAwait(false);
