using System.CommandLine;

namespace Caravan.Cli;

/// <summary>Parses and runs a command line: parse errors print to the error writer and exit 64 (EX_USAGE).</summary>
public static class CliRunner
{
    public const int UsageError = 64;

    public static async Task<int> RunAsync(RootCommand root, IReadOnlyList<string> args, TextWriter? output = null, TextWriter? error = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(root);
        var configuration = new InvocationConfiguration { Output = output ?? Console.Out, Error = error ?? Console.Error };
        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var parseError in parseResult.Errors)
            {
                await configuration.Error.WriteLineAsync(parseError.Message).ConfigureAwait(false);
            }
            return UsageError;
        }
        return await parseResult.InvokeAsync(configuration, cancellationToken).ConfigureAwait(false);
    }
}
