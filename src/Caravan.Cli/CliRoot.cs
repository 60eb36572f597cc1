using System.CommandLine;
using Caravan.Cli.Commands;

namespace Caravan.Cli;

/// <summary>The <c>caravan</c> command with all its subcommands (what <c>Program</c> runs; tests run it in-process).</summary>
public static class CliRoot
{
    public static RootCommand Create() => new("Caravan: national single-window nodes exchanging signed trade documents over AS4.")
    {
        DemoCommand.Create(),
        NodeCommand.Create(),
        AuditCommand.Create(),
        As4InspectCommand.Create(),
        DocCommand.Create(),
    };
}
