using System.Diagnostics;

namespace Caravan.Tests.Portal;

/// <summary>
/// Runs a command-line tool the tests rely on (pdftotext, pdftoppm, zbarimg). A missing tool fails the test with
/// the Debian package to install (test.sh installs them); it never skips.
/// </summary>
public static class ExternalTool
{
    public static string Run(string tool, string package, params string[] arguments) => RunWithErrors(tool, package, arguments).Output;

    /// <summary>Runs the tool and returns its standard output and its standard error (warnings of a successful run).</summary>
    public static (string Output, string Error) RunWithErrors(string tool, string package, params string[] arguments)
    {
        var path = new[] { "/usr/bin", "/usr/local/bin", "/bin" }.Select(d => Path.Combine(d, tool)).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{tool} is not installed: apt-get install {package} (./test.sh installs it).");
        var start = new ProcessStartInfo(path) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(30_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{tool} did not finish in 30 s.");
        }
        Assert.True(process.ExitCode == 0, $"{tool} exited {process.ExitCode}: {error.Result}");
        return (output.Result, error.Result);
    }
}
