using System.CommandLine;
using Caravan.Cli.Commands;

var root = new RootCommand("Caravan command-line tools.")
{
    As4InspectCommand.Create(),
};
var parseResult = root.Parse(args);
if (parseResult.Errors.Count > 0)
{
    foreach (var error in parseResult.Errors)
    {
        await Console.Error.WriteLineAsync(error.Message).ConfigureAwait(false);
    }
    return As4InspectCommand.UsageError;
}
return await parseResult.InvokeAsync().ConfigureAwait(false);
