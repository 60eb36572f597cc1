using System.CommandLine;
using Caravan.Documents;

namespace Caravan.Cli.Commands;

/// <summary>
/// <c>caravan doc validate FILE</c>: recognises the document (WCO DMS declaration, ePhyto SPSCertificate, certificate
/// of origin XML or JSON, goods declaration or ACDD JSON), checks its schema and business rules, and prints every error
/// with its line and position or field path. Exit 0 valid, 2 invalid, 64 bad usage, unreadable file or unknown type.
/// </summary>
public static class DocCommand
{
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The document to check." };
        var validate = new Command("validate", "Detect a trade document's type and validate it against its schema and business rules.") { file };
        validate.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var path = parse.GetRequiredValue(file);
            byte[] content;
            try
            {
                if (path.Length > DocumentValidation.MaxBytes)
                {
                    await stderr.WriteLineAsync($"{path.FullName}: larger than {DocumentValidation.MaxBytes} bytes.").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
                content = await File.ReadAllBytesAsync(path.FullName, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"Cannot read {path.FullName}: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            var report = DocumentValidation.Validate(content);
            if (!report.IsRecognised)
            {
                await stderr.WriteLineAsync($"{path.Name}: unknown document type: {string.Join("; ", report.Errors.Select(Describe))}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            await stdout.WriteLineAsync($"{path.Name}: {report.DocumentType}: {(report.IsValid ? "valid" : $"INVALID ({report.Errors.Count} error{(report.Errors.Count == 1 ? "" : "s")})")}").ConfigureAwait(false);
            foreach (var error in report.Errors)
            {
                await stdout.WriteLineAsync("  error    " + Describe(error)).ConfigureAwait(false);
            }
            foreach (var warning in report.Warnings)
            {
                await stdout.WriteLineAsync("  warning  " + Describe(warning)).ConfigureAwait(false);
            }
            return report.IsValid ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return new Command("doc", "Trade documents.") { validate };
    }

    private static string Describe(Caravan.Documents.Common.DocumentError error)
    {
        var where = error.Line is { } line
            ? $"line {line}{(error.Column is { } column ? $":{column}" : "")}" + (string.IsNullOrEmpty(error.Path) ? "" : $" {error.Path}")
            : string.IsNullOrEmpty(error.Path) ? "(document)" : error.Path;
        return $"{where}: {error.Code}: {error.Message}";
    }
}
