using System.CommandLine;
using System.Text.Json;
using Caravan.Cli;
using Caravan.Cli.Commands;
using Caravan.Tests.Exchange.As4;

namespace Caravan.Tests.Cli.Commands;

public sealed class As4InspectCommandTests
{
    private static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var root = new RootCommand { As4InspectCommand.Create() };
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = await CliRunner.RunAsync(root, ["as4", "inspect", .. args], output, error);
        return (exitCode, output.ToString(), error.ToString());
    }

    [Fact]
    public async Task Inspect_SignedMessageWithTrustEmbedded_PrintsJsonAndExitsZero()
    {
        var (exitCode, output, _) = await RunAsync(As4TestData.Resource("as4-soap-signed-message.txt"), "--trust-embedded");
        Assert.Equal(0, exitCode);
        using var json = JsonDocument.Parse(output);
        Assert.True(json.RootElement.GetProperty("signatureValid").GetBoolean());
    }

    [Fact]
    public async Task Inspect_WrongSignedMessage_ExitsTwo()
    {
        var (exitCode, output, _) = await RunAsync(As4TestData.Resource("as4-soap-wrong-signed-message.txt"), "--trust", As4TestData.Resource("AccessPointA.cer"));
        Assert.Equal(2, exitCode);
        Assert.Contains("EBMS:0101", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_MultipartFileWithoutContentType_GuessesBoundary()
    {
        var (exitCode, output, error) = await RunAsync(As4TestData.Resource("as4_single_payload.as4"));
        Assert.True(exitCode == 0, error + output);
        using var json = JsonDocument.Parse(output);
        Assert.Equal("earth2", json.RootElement.GetProperty("payloads")[0].GetProperty("id").GetString());
    }

    [Fact]
    public async Task Inspect_UnknownOption_ExitsWithUsageError()
    {
        var (exitCode, _, _) = await RunAsync(As4TestData.Resource("receipt.xml"), "--no-such-option");
        Assert.Equal(64, exitCode);
    }

    [Fact]
    public async Task Inspect_MissingFile_ExitsWithUsageError()
    {
        var (exitCode, _, error) = await RunAsync("/nonexistent/message.as4");
        Assert.Equal(64, exitCode);
        Assert.Contains("not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_BadAtValue_ExitsWithUsageError()
    {
        var (exitCode, _, _) = await RunAsync(As4TestData.Resource("receipt.xml"), "--at", "not-a-time");
        Assert.Equal(64, exitCode);
    }

    [Fact]
    public async Task Inspect_EncryptedMessageWithDecryptionKey_DecryptsVerifiesAndListsThePayloads()
    {
        var (exitCode, output, error) = await RunAsync(As4TestData.Resource("as4-encrypted-signed-issuerserial.as4"),
            "--decrypt", As4TestData.Resource("AccessPointB.pfx"), "--password", "Pz4cZK4SULUwmraZb",
            "--trust", As4TestData.Resource("AccessPointA.cer"));
        Assert.True(exitCode == 0, error + output);
        using var json = JsonDocument.Parse(output);
        var root = json.RootElement;
        Assert.True(root.GetProperty("encrypted").GetBoolean());
        Assert.True(root.GetProperty("decrypted").GetBoolean());
        Assert.True(root.GetProperty("signatureValid").GetBoolean());
        Assert.Equal(2, root.GetProperty("payloads").GetArrayLength());
        Assert.All(root.GetProperty("payloads").EnumerateArray(), p => Assert.True(p.GetProperty("bytes").GetInt64() > 0));
    }

    [Fact]
    public async Task Inspect_EncryptedMessageWithTheWrongKey_FailsDecryptionWithExitTwo()
    {
        var (exitCode, output, _) = await RunAsync(As4TestData.Resource("as4-encrypted-signed-issuerserial.as4"),
            "--decrypt", As4TestData.Resource("AccessPointA.pfx"), "--password", "Pz4cZK4SULUwmraZa");
        Assert.Equal(2, exitCode);
        Assert.Contains("EBMS:0102", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Inspect_DecryptWithoutPassword_IsBadUsage()
    {
        var (exitCode, _, _) = await RunAsync(As4TestData.Resource("as4-encrypted-signed-issuerserial.as4"), "--decrypt", As4TestData.Resource("AccessPointB.pfx"));
        Assert.Equal(64, exitCode);
    }
}
