using System.Security.Cryptography;
using System.Text.Json;
using Caravan.Parties;
using Caravan.Storage;
using Caravan.Tests.TestSupport;
using Caravan.Window.Consignments;
using Caravan.Window.Requirements;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Tests.Node.Network;

/// <summary>Traders attach documents to what they lodge; agencies on the consignment download exactly those bytes; nobody else sees them.</summary>
public sealed class ConsignmentAttachmentTests : IAsyncLifetime
{
    private TestNetwork _network = null!;
    private HttpClient _trader = null!;
    private HttpClient _otherTrader = null!;
    private HttpClient _agency = null!;
    private HttpClient _otherAgency = null!;

    private static readonly byte[] Pdf = [.. "%PDF-1.7\n% invoice FVF-2026-0917\n"u8, .. RandomNumberGenerator.GetBytes(2048)];

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.StartAsync(["UZ"]);
        using var op = _network["UZ"].CreateClient();
        _trader = _network["UZ"].CreateClient(await op.CreatePartyAsync("fergana-fruits", "Fergana Valley Fruits LLC", "trader"));
        _otherTrader = _network["UZ"].CreateClient(await op.CreatePartyAsync("samarkand-silk", "Samarkand Silk JSC", "trader"));
        _agency = _network["UZ"].CreateClient(await op.CreatePartyAsync("uz-plant", "UZ Plant Quarantine", "agency"));
        _otherAgency = _network["UZ"].CreateClient(await op.CreatePartyAsync("uz-vet", "UZ Veterinary Committee", "agency"));
        await (await op.PostJsonAsync("api/v1/matrix/versions", new
        {
            rules = new[] { new { id = "fruit", hsPrefix = "08", procedure = "export", action = "inspection", agencyPartyId = "uz-plant" } },
        })).ExpectAsync(201);
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    private async Task<string> DraftAsync()
    {
        var services = _network["UZ"].Services;
        var workflow = services.GetRequiredService<ConsignmentWorkflow>();
        var lodgement = TestDeclarations.ExportLodgement("UZ", "KZ", "080810");
        var draft = await services.GetRequiredService<CaravanDatabase>().InTransactionAsync(
            (u, ct) => workflow.CreateDraftAsync(new Actor("fergana-fruits", PartyRole.Trader), null, lodgement, u, ct), CancellationToken.None);
        return draft.Value.Id;
    }

    private static object Body(byte[] content, string type = "application/pdf", string name = "invoice FVF-2026-0917.pdf") =>
        new { fileName = name, contentType = type, contentBase64 = Convert.ToBase64String(content), description = "commercial invoice" };

    [Fact]
    public async Task Attach_ThenTheTaskAgencyDownloadsTheSameBytes_AndOthersGet404()
    {
        var id = await DraftAsync();
        var attached = await (await _trader.PostJsonAsync($"api/v1/consignments/{id}/attachments", Body(Pdf))).ExpectAsync(201);
        var attachmentId = attached["id"]!.GetValue<string>();
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(Pdf)), attached["sha256"]!.GetValue<string>());
        await (await _trader.PostJsonAsync($"api/v1/consignments/{id}/submit", new { })).ExpectAsync(200);

        using var response = await _agency.GetAsync($"api/v1/consignments/{id}/attachments/{attachmentId}");
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal(Pdf, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(attached["sha256"]!.GetValue<string>(), response.Headers.GetValues("X-Content-SHA256").Single());

        var list = await (await _agency.GetAsync($"api/v1/consignments/{id}/attachments")).ExpectAsync(200);
        Assert.Equal("invoice FVF-2026-0917.pdf", list[0]!["fileName"]!.GetValue<string>());
        await (await _otherTrader.GetAsync($"api/v1/consignments/{id}/attachments/{attachmentId}")).ExpectAsync(404);
        await (await _otherAgency.GetAsync($"api/v1/consignments/{id}/attachments")).ExpectAsync(404);
        await (await _otherTrader.PostJsonAsync($"api/v1/consignments/{id}/attachments", Body(Pdf))).ExpectAsync(404);

        // Lodged and not asked for information: nothing more can be attached.
        var closed = await (await _trader.PostJsonAsync($"api/v1/consignments/{id}/attachments", Body(Pdf))).ExpectAsync(409);
        Assert.Equal("consignment.not_amendable", closed["code"]!.GetValue<string>());
        var history = await (await _trader.GetAsync($"api/v1/consignments/{id}")).ExpectAsync(200);
        Assert.Contains(history["history"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "attachment-added");
    }

    [Fact]
    public async Task BadAttachments_AreRefusedWithTheField_AndNothingIsStored()
    {
        var id = await DraftAsync();
        var wrongType = await (await _trader.PostJsonAsync($"api/v1/consignments/{id}/attachments", Body(Pdf, "application/x-msdownload", "run.exe"))).ExpectAsync(422);
        Assert.Equal("contentType", wrongType["errors"]![0]!["path"]!.GetValue<string>());
        var disguised = await (await _trader.PostJsonAsync($"api/v1/consignments/{id}/attachments", Body("MZ\u0090\u0000 not a pdf"u8.ToArray()))).ExpectAsync(422);
        Assert.Equal("content_type.mismatch", disguised["errors"]![0]!["code"]!.GetValue<string>());
        var traversal = await (await _trader.PostJsonAsync($"api/v1/consignments/{id}/attachments", Body(Pdf, name: "../../etc/passwd"))).ExpectAsync(422);
        Assert.Equal("fileName", traversal["errors"]![0]!["path"]!.GetValue<string>());
        var notBase64 = await (await _trader.PostJsonAsync($"api/v1/consignments/{id}/attachments", new { fileName = "a.pdf", contentType = "application/pdf", contentBase64 = "%%%" })).ExpectAsync(422);
        Assert.Equal("base64.invalid", notBase64["errors"]![0]!["code"]!.GetValue<string>());
        var tooLarge = await (await _trader.PostJsonAsync($"api/v1/consignments/{id}/attachments", Body([.. "%PDF-"u8, .. new byte[ConsignmentAttachments.MaxBytes]]))).ExpectAsync(422);
        Assert.Equal("too_large", tooLarge["errors"]![0]!["code"]!.GetValue<string>());
        var list = await (await _trader.GetAsync($"api/v1/consignments/{id}/attachments")).ExpectAsync(200);
        Assert.Empty(list.AsArray());
    }
}
