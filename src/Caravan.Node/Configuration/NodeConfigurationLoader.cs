using Caravan.Node.Hosting;
using Microsoft.Extensions.Configuration;

namespace Caravan.Node.Configuration;

/// <summary>Reads a node's JSON configuration file, with CARAVAN__* environment variables overriding it.</summary>
public static class NodeConfigurationLoader
{
    public static NodeOptions Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new NodeConfigurationException([$"--config: file '{path}' does not exist."]);
        }
        var fullPath = Path.GetFullPath(path);
        IConfigurationRoot configuration;
        try
        {
            configuration = new ConfigurationBuilder()
                .AddJsonFile(fullPath, optional: false, reloadOnChange: false)
                .AddEnvironmentVariables("CARAVAN__")
                .Build();
        }
        catch (InvalidDataException ex)
        {
            throw new NodeConfigurationException([$"--config: '{path}' is not valid JSON ({ex.InnerException?.Message ?? ex.Message})."]);
        }
        var options = new NodeOptions();
        try
        {
            configuration.Bind(options, o => o.ErrorOnUnknownConfiguration = true);
        }
        catch (InvalidOperationException ex)
        {
            throw new NodeConfigurationException([ex.Message]);
        }
        ResolveRelativePaths(options, Path.GetDirectoryName(fullPath)!);
        return options;
    }

    /// <summary>Paths in a configuration file are relative to the file's folder.</summary>
    public static void ResolveRelativePaths(NodeOptions options, string baseFolder)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!string.IsNullOrWhiteSpace(options.DataFolder))
        {
            options.DataFolder = Path.GetFullPath(options.DataFolder, baseFolder);
        }
        if (!string.IsNullOrWhiteSpace(options.Identity.Pkcs12Path))
        {
            options.Identity.Pkcs12Path = Path.GetFullPath(options.Identity.Pkcs12Path, baseFolder);
        }
        foreach (var partner in options.Partners.Where(p => !string.IsNullOrWhiteSpace(p.Certificate)))
        {
            partner.Certificate = Path.GetFullPath(partner.Certificate, baseFolder);
        }
        foreach (var provider in options.Payments.Providers.Values.Where(p => !string.IsNullOrWhiteSpace(p.Certificate) && !p.IsInlinePem))
        {
            provider.Certificate = Path.GetFullPath(provider.Certificate, baseFolder);
        }
    }
}
