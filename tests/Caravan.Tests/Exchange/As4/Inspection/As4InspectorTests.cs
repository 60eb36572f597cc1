using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Caravan.Exchange.As4;
using Caravan.Exchange.As4.Inspection;
using Caravan.Exchange.As4.Model;
using Caravan.Exchange.As4.Signals;

namespace Caravan.Tests.Exchange.As4.Inspection;

public sealed class As4InspectorTests
{
    private static async Task<As4InspectionOutcome> InspectCorpusAsync(string name, As4InspectionOptions options, string? contentType = null)
    {
        await using var stream = As4TestData.Open(name);
        return await As4Inspector.InspectAsync(stream, contentType ?? As4TestData.SoapContentType, options, CancellationToken.None);
    }

    private static X509Certificate2 HolodeckPartyA() => As4TestData.LoadPfx("holodeck-partya-certificate.pfx", "secrets");

    [Fact]
    public async Task Inspect_SignedMessageTrustingEmbedded_PassesWithExitZero()
    {
        var outcome = await InspectCorpusAsync("as4-soap-signed-message.txt", new As4InspectionOptions { TrustEmbedded = true });
        Assert.Equal(0, outcome.ExitCode);
        var report = outcome.Report;
        Assert.Equal("UserMessage", report.MessageType);
        Assert.True(report.Signed);
        Assert.True(report.SignatureValid);
        Assert.Empty(report.Errors);
        Assert.True(report.Certificate!.Trusted);
        Assert.True(report.Certificate.ValidAtSigningTime);
    }

    [Fact]
    public async Task Inspect_SignedMessageTrustingItsSignerCertificate_Passes()
    {
        using var partyA = HolodeckPartyA();
        var outcome = await InspectCorpusAsync("as4-soap-signed-message.txt", new As4InspectionOptions { TrustedCertificates = [partyA] });
        Assert.Equal(0, outcome.ExitCode);
        Assert.True(outcome.Report.Certificate!.Trusted);
    }

    [Fact]
    public async Task Inspect_SignedMessageTrustingAnotherCertificate_IsUntrustedWithExitTwo()
    {
        using var accessPointA = As4TestData.LoadCer("AccessPointA.cer");
        var outcome = await InspectCorpusAsync("as4-soap-signed-message.txt", new As4InspectionOptions { TrustedCertificates = [accessPointA] });
        Assert.Equal(2, outcome.ExitCode);
        Assert.True(outcome.Report.SignatureValid);
        Assert.False(outcome.Report.Certificate!.Trusted);
        Assert.Contains(outcome.Report.Errors, e => e.Code == "EBMS:0101" && e.Text.Contains("not trusted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inspect_SignedMessageAtInstantAfterExpiry_IsNotValidAtSigningTime()
    {
        var outcome = await InspectCorpusAsync("as4-soap-signed-message.txt", new As4InspectionOptions { TrustEmbedded = true, At = new DateTimeOffset(2024, 1, 1, 0, 0, 0, TimeSpan.Zero) });
        Assert.Equal(2, outcome.ExitCode);
        Assert.False(outcome.Report.Certificate!.ValidAtSigningTime);
    }

    [Fact]
    public async Task Inspect_WrongSignedMessage_MapsToFailedAuthentication()
    {
        var outcome = await InspectCorpusAsync("as4-soap-wrong-signed-message.txt", new As4InspectionOptions { TrustEmbedded = true });
        Assert.Equal(2, outcome.ExitCode);
        Assert.False(outcome.Report.SignatureValid);
        Assert.Contains(outcome.Report.Errors, e => e.Code == "EBMS:0101" && e.Text.Contains("#body-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inspect_UntrustedSignedMessage_IsUntrustedAndItsSubstitutedCertificateDoesNotVerify()
    {
        using var partyA = HolodeckPartyA();
        var outcome = await InspectCorpusAsync("as4-soap-untrusted-signed-message.txt", new As4InspectionOptions { TrustedCertificates = [partyA] });
        Assert.Equal(2, outcome.ExitCode);
        Assert.False(outcome.Report.Certificate!.Trusted);
        Assert.False(outcome.Report.SignatureValid);
        Assert.Contains(outcome.Report.Errors, e => e.Text.Contains("not trusted", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Inspect_EncryptedSignedIssuerSerial_ResolvesSignerAndLeavesEncryptedDigestsUnchecked()
    {
        using var accessPointA = As4TestData.LoadCer("AccessPointA.cer");
        var outcome = await InspectCorpusAsync("as4-encrypted-signed-issuerserial.as4", new As4InspectionOptions { TrustedCertificates = [accessPointA] }, As4TestData.MultipartContentType("as4-encrypted-signed-issuerserial.as4"));
        var report = outcome.Report;
        Assert.True(report.Signed);
        Assert.True(report.Encrypted);
        Assert.False(report.Decrypted);
        Assert.Null(report.SignatureValid);
        Assert.Equal("CN=AccessPointA", report.Certificate!.Subject);
        Assert.True(report.Certificate.Trusted);
        Assert.Equal(2, report.Payloads.Count);
        Assert.Equal(0, outcome.ExitCode);
    }

    [Fact]
    public async Task Inspect_SignedMessageWithoutCertificate_ReportsNullSignatureValidity()
    {
        var outcome = await InspectCorpusAsync("as4-encrypted-signed-issuerserial.as4", new As4InspectionOptions(), As4TestData.MultipartContentType("as4-encrypted-signed-issuerserial.as4"));
        Assert.Null(outcome.Report.SignatureValid);
        Assert.Null(outcome.Report.Certificate);
    }

    [Fact]
    public async Task Inspect_ErrorSignal_ListsReportedErrorsWithoutFailing()
    {
        var doc = As4ErrorBuilder.Build("e-1", As4TestData.Now, "m-1", EbmsErrorCode.DeliveryFailure, "backend down");
        using var wire = new MemoryStream();
        var written = await As4MessageWriter.WriteAsync(new As4OutboundMessage(doc, []), wire, CancellationToken.None);
        wire.Position = 0;
        var outcome = await As4Inspector.InspectAsync(wire, written.ContentType, new As4InspectionOptions(), CancellationToken.None);
        Assert.Equal(0, outcome.ExitCode);
        Assert.Equal("Error", outcome.Report.MessageType);
        Assert.Equal("m-1", outcome.Report.RefToMessageId);
        Assert.Equal("EBMS:0202", Assert.Single(outcome.Report.Errors).Code);
    }

    [Fact]
    public async Task Inspect_NotXml_ReturnsInvalidHeaderWithExitTwo()
    {
        var outcome = await As4Inspector.InspectAsync(new MemoryStream("not xml"u8.ToArray()), "application/soap+xml", new As4InspectionOptions(), CancellationToken.None);
        Assert.Equal(2, outcome.ExitCode);
        Assert.Null(outcome.Report.MessageType);
        Assert.Equal("EBMS:0009", Assert.Single(outcome.Report.Errors).Code);
    }

    [Fact]
    public async Task Report_Json_HasExactlyTheDocumentedCamelCaseFields()
    {
        var outcome = await InspectCorpusAsync("as4-soap-signed-message.txt", new As4InspectionOptions { TrustEmbedded = true });
        using var json = JsonDocument.Parse(outcome.Report.ToJson());
        string[] expected = ["messageType", "messageId", "refToMessageId", "from", "to", "service", "action", "signed", "encrypted", "signatureValid", "decrypted", "payloads", "errors", "certificate"];
        Assert.Equal(expected, json.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal(["subject", "serial", "notBefore", "notAfter", "trusted", "validAtSigningTime"], json.RootElement.GetProperty("certificate").EnumerateObject().Select(p => p.Name));
    }
}
