using Caravan.Node.Configuration;
using Caravan.Node.Hosting;

// A node process: `Caravan.Node --config node.json` (the CLI's `caravan node` does the same).
var configIndex = Array.IndexOf(args, "--config");
if (configIndex < 0 || configIndex + 1 >= args.Length)
{
    await Console.Error.WriteLineAsync("usage: Caravan.Node --config FILE").ConfigureAwait(false);
    return 64;
}
try
{
    var options = NodeConfigurationLoader.Load(args[configIndex + 1]);
    await using var app = await NodeHost.BuildAsync(options).ConfigureAwait(false);
    await app.RunAsync().ConfigureAwait(false);
    return 0;
}
catch (NodeConfigurationException ex)
{
    await Console.Error.WriteLineAsync(ex.Message).ConfigureAwait(false);
    return 78;
}
