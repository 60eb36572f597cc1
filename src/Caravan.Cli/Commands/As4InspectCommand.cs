using System.CommandLine;
using System.Globalization;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Caravan.Exchange.As4.Inspection;
using Caravan.Exchange.As4.Security;

namespace Caravan.Cli.Commands;

/// <summary>
/// <c>caravan as4 inspect FILE [--content-type TYPE] [--trust CERT]... [--trust-embedded] [--decrypt PFX --password PW] [--at TIME]</c>:
/// prints an <see cref="InspectionReport"/> as JSON; exits 0 when every check passed, 2 when one failed, 64 on bad usage.
/// </summary>
public static class As4InspectCommand
{
    public const int UsageError = CliRunner.UsageError;

    /// <summary>Builds the <c>as4</c> command with its <c>inspect</c> subcommand; pass the encryption implementation to enable --decrypt.</summary>
    public static Command Create()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "The raw HTTP body of the AS4 message (multipart/related or a SOAP envelope)." };
        var contentType = new Option<string?>("--content-type") { Description = "The HTTP Content-Type; guessed from the file when omitted (a leading MIME boundary means multipart/related)." };
        var trust = new Option<FileInfo[]>("--trust") { Description = "A trusted certificate (DER or PEM); repeatable.", AllowMultipleArgumentsPerToken = false };
        var trustEmbedded = new Option<bool>("--trust-embedded") { Description = "Trust the certificate embedded in the message." };
        var decrypt = new Option<FileInfo?>("--decrypt") { Description = "Our PKCS#12 certificate with private key, to decrypt the payloads." };
        var password = new Option<string?>("--password") { Description = "The password of the --decrypt PKCS#12 file." };
        var at = new Option<DateTimeOffset?>("--at") { Description = "Judge certificate validity at this instant instead of the message timestamp." };

        var inspect = new Command("inspect", "Parse an AS4 message, check its signature, trust and payloads, and print a JSON report.")
        {
            file, contentType, trust, trustEmbedded, decrypt, password, at,
        };
        inspect.SetAction(async (parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            var path = parseResult.GetRequiredValue(file);
            if (!path.Exists)
            {
                await stderr.WriteLineAsync("File not found: " + path.FullName).ConfigureAwait(false);
                return UsageError;
            }
            var trusted = new List<X509Certificate2>();
            foreach (var certificateFile in parseResult.GetValue(trust) ?? [])
            {
                try
                {
                    trusted.Add(X509CertificateLoader.LoadCertificateFromFile(certificateFile.FullName));
                }
                catch (Exception ex) when (ex is CryptographicException or IOException)
                {
                    await stderr.WriteLineAsync("Cannot read certificate " + certificateFile.FullName + ": " + ex.Message).ConfigureAwait(false);
                    return UsageError;
                }
            }
            X509Certificate2? decryptionCertificate = null;
            if (parseResult.GetValue(decrypt) is { } pfx)
            {
                try
                {
                    decryptionCertificate = X509CertificateLoader.LoadPkcs12FromFile(pfx.FullName, parseResult.GetValue(password));
                }
                catch (Exception ex) when (ex is CryptographicException or IOException)
                {
                    await stderr.WriteLineAsync("Cannot read " + pfx.FullName + ": " + ex.Message).ConfigureAwait(false);
                    return UsageError;
                }
            }
            var options = new As4InspectionOptions
            {
                TrustedCertificates = trusted,
                TrustEmbedded = parseResult.GetValue(trustEmbedded),
                DecryptionCertificate = decryptionCertificate,
                At = parseResult.GetValue(at),
            };
            await using var stream = path.OpenRead();
            var type = parseResult.GetValue(contentType) ?? GuessContentType(stream);
            var outcome = await As4Inspector.InspectAsync(stream, type, options, cancellationToken).ConfigureAwait(false);
            await stdout.WriteLineAsync(outcome.Report.ToJson()).ConfigureAwait(false);
            return outcome.ExitCode;
        });

        return new Command("as4", "AS4 message tools.") { inspect };
    }

    /// <summary>A file whose first non-empty line starts with "--" is a raw multipart body with that boundary; otherwise a SOAP envelope.</summary>
    internal static string GuessContentType(Stream stream)
    {
        var buffer = new byte[512];
        var read = stream.ReadAtLeast(buffer, buffer.Length, throwOnEndOfStream: false);
        stream.Position = 0;
        var text = System.Text.Encoding.ASCII.GetString(buffer, 0, read).TrimStart('\r', '\n', ' ', '\t');
        if (text.StartsWith("--", StringComparison.Ordinal))
        {
            var end = text.IndexOfAny(['\r', '\n']);
            var boundary = (end < 0 ? text : text[..end])[2..].Trim();
            return string.Create(CultureInfo.InvariantCulture, $"multipart/related; boundary=\"{boundary}\"; type=\"application/soap+xml\"");
        }
        return "application/soap+xml";
    }
}
