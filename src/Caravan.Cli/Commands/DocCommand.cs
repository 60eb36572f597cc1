using System.CommandLine;
using System.Globalization;
using Caravan.Cli.Documents;
using Caravan.Documents.Common;
using Caravan.Documents.Origin;
using Caravan.Documents.Phyto;

namespace Caravan.Cli.Commands;

/// <summary>
/// <c>caravan doc validate FILE [--type KIND] [--stage application|issued] [--country CC] [--lenient]</c>: detects which document a
/// file holds (WCO DMS declaration XML, declaration JSON, ePhyto XML or JSON, certificate of origin XML or JSON),
/// checks it against its schema and business rules, and prints every error with its line:position or field path.
/// Exit 0 valid, 2 invalid, 64 bad usage, unknown type or unreadable file.
/// </summary>
public static class DocCommand
{
    /// <summary>Files larger than this are refused unread (the largest document format allows 32 Mi characters).</summary>
    public const long MaxFileBytes = 128L * 1024 * 1024;

    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The document to validate (XML or JSON)." };
        var type = new Option<string?>("--type") { Description = "The document type, when detection is not wanted: " + string.Join(", ", DocumentKinds.Names) + "." };
        type.AcceptOnlyFromAmong([.. DocumentKinds.Names]);
        var stage = new Option<string?>("--stage") { Description = "Certificate of origin: judge it as an 'application' (certification may be missing) or 'issued' (default)." };
        stage.AcceptOnlyFromAmong("application", "issued");
        var country = new Option<string?>("--country") { Description = "Declarations: judge as lodged with this country's single window (fills in an export's country of export, an import's destination), as the API does." };
        var lenient = new Option<bool>("--lenient") { Description = "ePhyto XML: report IPPC hub-schema deviations as warnings and check the certificate anyway." };

        var validate = new Command("validate", "Validate a trade document against its schema and business rules; print every error with line:position or field path.")
        {
            file, type, stage, country, lenient,
        };
        validate.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var path = parse.GetRequiredValue(file);
            var nodeCountry = parse.GetValue(country);
            if (nodeCountry is not null && !CountryCode.TryParse(nodeCountry, out _))
            {
                await stderr.WriteLineAsync($"doc validate: --country {nodeCountry} is not an ISO 3166-1 alpha-2 code.").ConfigureAwait(false);
                return ExitCodes.Usage;
            }
            byte[] content;
            try
            {
                if (!path.Exists)
                {
                    await stderr.WriteLineAsync("doc validate: file not found: " + path.FullName).ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
                if (path.Length > MaxFileBytes)
                {
                    await stderr.WriteLineAsync($"doc validate: {path.FullName} is larger than {MaxFileBytes} bytes.").ConfigureAwait(false);
                    return ExitCodes.Usage;
                }
                content = await File.ReadAllBytesAsync(path.FullName, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                await stderr.WriteLineAsync($"doc validate: cannot read {path.FullName}: {ex.Message}").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            DocumentKind kind;
            if (DocumentKinds.Parse(parse.GetValue(type)) is { } chosen)
            {
                kind = chosen;
            }
            else if (!DocumentKindDetector.TryDetect(content, out kind, out var problem))
            {
                await stderr.WriteLineAsync($"doc validate: cannot tell what {path.Name} is: {problem}. Pass --type ({string.Join(", ", DocumentKinds.Names)}).").ConfigureAwait(false);
                return ExitCodes.Usage;
            }

            var options = new DocumentCheckOptions
            {
                OriginStage = parse.GetValue(stage) == "application" ? CertificateOfOriginStage.Application : CertificateOfOriginStage.Issued,
                PhytoMode = parse.GetValue(lenient) ? PhytoReadMode.Lenient : PhytoReadMode.Strict,
                NodeCountry = nodeCountry,
            };
            var report = DocumentCheck.Check(kind, content, options);
            await WriteAsync(stdout, path.Name, report).ConfigureAwait(false);
            return report.IsValid ? ExitCodes.Ok : ExitCodes.CheckFailed;
        });
        return new Command("doc", "Trade document tools.") { validate };
    }

    /// <summary>Prints the report: a summary line, then one line per error and warning.</summary>
    internal static async Task WriteAsync(TextWriter output, string name, DocumentReport report)
    {
        var summary = report.IsValid ? "valid" : $"invalid, {Count(report.Errors.Count, "error")}";
        if (report.Warnings.Count > 0)
        {
            summary += ", " + Count(report.Warnings.Count, "warning");
        }
        await output.WriteLineAsync($"{name}: {DocumentKinds.Describe(report.Kind)}: {summary}").ConfigureAwait(false);
        foreach (var error in report.Errors)
        {
            await output.WriteLineAsync(Line("error", error)).ConfigureAwait(false);
        }
        foreach (var warning in report.Warnings)
        {
            await output.WriteLineAsync(Line("warning", warning)).ConfigureAwait(false);
        }
    }

    /// <summary>One finding: <c>  error 12:5 path: code: message</c>, the position and/or the path as known.</summary>
    internal static string Line(string severity, DocumentError finding)
    {
        var at = finding.Line is { } line
            ? string.Create(CultureInfo.InvariantCulture, $"{line}:{finding.Column ?? 0}") + (string.IsNullOrEmpty(finding.Path) ? "" : " " + finding.Path)
            : string.IsNullOrEmpty(finding.Path) ? "(document)" : finding.Path;
        return $"  {severity} {at}: {finding.Code}: {finding.Message}";
    }

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");
}
