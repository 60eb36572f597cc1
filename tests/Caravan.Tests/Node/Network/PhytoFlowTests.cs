using System.Text.Json;
using System.Text.Json.Nodes;
using Caravan.Cli.Demo;
using Caravan.Documents.Phyto;
using Caravan.Parties;
using Caravan.Storage;
using Caravan.Tests.TestSupport;
using Caravan.Window.Consignments;
using Caravan.Window.Requirements;
using Microsoft.Extensions.DependencyInjection;

namespace Caravan.Tests.Node.Network;

/// <summary>
/// The ePhyto across the border: approving an export's phytosanitary task issues the certificate, signed, over AS4 to
/// the importing node; the importing NPPO inspects and decides; revocation and replacement flow back the same way.
/// </summary>
public sealed class PhytoFlowTests : IAsyncLifetime
{
    private TestNetwork _network = null!;
    private HttpClient _uzPlant = null!;
    private HttpClient _uzOtherAgency = null!;
    private HttpClient _kzPlant = null!;
    private HttpClient _trader = null!;
    private HttpClient _otherTrader = null!;

    public async Task InitializeAsync()
    {
        _network = await TestNetwork.StartAsync(["UZ", "KZ"]);
        using var uzOperator = _network["UZ"].CreateClient();
        using var kzOperator = _network["KZ"].CreateClient();
        _uzPlant = _network["UZ"].CreateClient(await uzOperator.CreatePartyAsync("uz-plant", "UZ Plant Quarantine Inspection", "agency"));
        _uzOtherAgency = _network["UZ"].CreateClient(await uzOperator.CreatePartyAsync("uz-vet", "UZ Veterinary Committee", "agency"));
        _trader = _network["UZ"].CreateClient(await uzOperator.CreatePartyAsync("fergana-fruits", "Fergana Valley Fruits LLC", "trader"));
        _otherTrader = _network["UZ"].CreateClient(await uzOperator.CreatePartyAsync("samarkand-silk", "Samarkand Silk JSC", "trader"));
        _kzPlant = _network["KZ"].CreateClient(await kzOperator.CreatePartyAsync("kz-plant", "KZ Phytosanitary Control", "agency"));
        await (await uzOperator.PostJsonAsync("api/v1/matrix/versions", new
        {
            rules = new[]
            {
                new { id = "fruit-phyto", hsPrefix = "0808", procedure = "export", action = "phytosanitary_certificate", agencyPartyId = "uz-plant" },
            },
            note = "fruit needs an ePhyto",
        })).ExpectAsync(201);
    }

    public async Task DisposeAsync() => await _network.DisposeAsync();

    private static JsonNode Draft() => JsonNode.Parse(PhytoJson.ToJson(DemoCertificates.ApplesPhytoDraft(new DateOnly(2026, 9, 17))))!;

    /// <summary>Lodges an apples export UZ→KZ for fergana-fruits and returns its phytosanitary task id.</summary>
    private async Task<string> LodgeApplesAsync()
    {
        var services = _network["UZ"].Services;
        var workflow = services.GetRequiredService<ConsignmentWorkflow>();
        var database = services.GetRequiredService<CaravanDatabase>();
        var actor = new Actor("fergana-fruits", PartyRole.Trader);
        var lodgement = TestDeclarations.ExportLodgement("UZ", "KZ", "080810");
        var draft = await database.InTransactionAsync((u, ct) => workflow.CreateDraftAsync(actor, null, lodgement, u, ct), CancellationToken.None);
        var submitted = await database.InTransactionAsync((u, ct) => workflow.SubmitAsync(actor, draft.Value.Id, u, ct), CancellationToken.None);
        return Assert.Single(submitted.Value.Tasks).Id;
    }

    private static List<string> History(JsonNode certificate) =>
        certificate["history"]!.AsArray().Select(h => h!["status"]!.GetValue<string>()).ToList();

    private async Task<(string Consignment, string Number)> ApproveAsync()
    {
        var taskId = await LodgeApplesAsync();
        var decided = await (await _uzPlant.PostJsonAsync($"api/v1/tasks/{taskId}/decision", new JsonObject
        {
            ["decision"] = "approve",
            ["certificate"] = Draft(),
            ["officerName"] = "Bekzod Rakhimov",
            ["place"] = "Fergana",
        }.ToJsonString())).ExpectAsync(200);
        Assert.True(decided["status"]?.GetValue<string>() == "released", decided.ToJsonString());
        var reason = decided["tasks"]![0]!["reason"]!.GetValue<string>();
        var number = System.Text.RegularExpressions.Regex.Match(reason, @"UZ-PC-\d{4}-\d{6}").Value;
        Assert.False(string.IsNullOrEmpty(number), reason);
        return (decided["id"]!.GetValue<string>(), number);
    }

    [Fact]
    public async Task ApprovingThePhytoTask_IssuesTheEphyto_WhichKzReceivesVerified_AndTheImportDecisionComesBack()
    {
        var (consignment, number) = await ApproveAsync();

        var issued = await (await _uzPlant.GetAsync($"api/v1/certificates/UZ/{number}")).ExpectAsync(200);
        Assert.Equal("phytosanitary_certificate", issued["documentType"]!.GetValue<string>());
        Assert.Equal(consignment, issued["consignmentId"]!.GetValue<string>());
        Assert.Equal(70, issued["envelope"]!["certificateStatus"]!.GetValue<int>());
        Assert.Equal("KZ", issued["envelope"]!["to"]!.GetValue<string>());
        var signed = issued["signedXml"]!.GetValue<string>();
        Assert.Contains("SPSCertificate", signed, StringComparison.Ordinal);
        Assert.True(PhytoSigning.Verify(System.Text.Encoding.UTF8.GetBytes(signed)).IsValid);

        var received = await OriginScenario.EventuallyAsync(_kzPlant, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "received");
        Assert.Equal("Bekzod Rakhimov", received["document"]!["document"]!["signatory"]!["officerName"]!.GetValue<string>());
        Assert.Equal("UZ", received["envelope"]!["from"]!.GetValue<string>());
        Assert.Equal(signed, received["signedXml"]!.GetValue<string>());

        await (await _kzPlant.PostJsonAsync($"api/v1/certificates/UZ/{number}/inspect", new { reason = "inspected at Zhibek Zholy: no pests found" })).ExpectAsync(200);
        await (await _kzPlant.PostJsonAsync($"api/v1/certificates/UZ/{number}/accept", new { reason = "consignment admitted" })).ExpectAsync(200);
        var issuer = await OriginScenario.EventuallyAsync(_uzPlant, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "accepted");
        Assert.Equal(["issued", "sent", "inspected", "accepted"], History(issuer));
        Assert.Contains("no pests found", issuer["history"]!.AsArray()[2]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);

        // The trader who lodged the consignment can download its ePhyto; another trader cannot see it.
        await (await _trader.GetAsync($"api/v1/certificates/UZ/{number}")).ExpectAsync(200);
        await (await _otherTrader.GetAsync($"api/v1/certificates/UZ/{number}")).ExpectAsync(404);
        // Another agency of the exporting country does not see the NPPO's certificates.
        await (await _uzOtherAgency.GetAsync($"api/v1/certificates/UZ/{number}")).ExpectAsync(404);
    }

    [Fact]
    public async Task ImportRejection_ReachesTheIssuingNppo_WithItsReason()
    {
        var (_, number) = await ApproveAsync();
        await OriginScenario.EventuallyAsync(_kzPlant, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "received");
        await (await _kzPlant.PostJsonAsync($"api/v1/certificates/UZ/{number}/reject", new { reason = "live codling moth larvae found" })).ExpectAsync(200);
        var issuer = await OriginScenario.EventuallyAsync(_uzPlant, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "rejected");
        Assert.Contains("codling moth", issuer["history"]!.AsArray()[^1]!["reason"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Replacement_SendsStatus40ReferringToTheOld_AndRevocationReachesTheImporter()
    {
        var (_, number) = await ApproveAsync();
        await OriginScenario.EventuallyAsync(_kzPlant, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "received");
        var corrected = Draft();
        corrected["consignment"]!["consignee"]!["name"] = "Almaty Fresh Market LLP (branch 2)";
        var replacement = await (await _uzPlant.PostJsonAsync($"api/v1/ephyto/{number}/replace", new JsonObject
        {
            ["certificate"] = corrected,
            ["officerName"] = "Bekzod Rakhimov",
            ["reason"] = "consignee branch corrected",
        }.ToJsonString())).ExpectAsync(201);
        var newNumber = replacement["number"]!.GetValue<string>();
        Assert.Equal(40, replacement["envelope"]!["certificateStatus"]!.GetValue<int>());
        Assert.Equal(number, replacement["document"]!["document"]!["referencedDocuments"]![0]!["id"]!.GetValue<string>());
        await OriginScenario.EventuallyAsync(_kzPlant, $"api/v1/certificates/UZ/{newNumber}", c => c["status"]!.GetValue<string>() == "received");
        await OriginScenario.EventuallyAsync(_kzPlant, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "replaced");

        // Only the issuing NPPO may revoke; another agency is told the certificate does not exist.
        await (await _uzOtherAgency.PostJsonAsync($"api/v1/certificates/UZ/{newNumber}/revoke", new { reason = "not mine" })).ExpectAsync(404);
        await (await _uzPlant.PostJsonAsync($"api/v1/certificates/UZ/{newNumber}/revoke", new { reason = "consignment withdrawn by exporter" })).ExpectAsync(200);
        await OriginScenario.EventuallyAsync(_kzPlant, $"api/v1/certificates/UZ/{newNumber}", c => c["status"]!.GetValue<string>() == "revoked");
    }

    [Fact]
    public async Task ApprovalWithAnInvalidCertificate_IsRefusedWhole_AndTheTaskStaysOpen()
    {
        var taskId = await LodgeApplesAsync();
        var broken = Draft();
        broken["consignment"]!["items"]![0]!["scientificNames"] = new JsonArray();
        broken["consignment"]!["importCountry"] = new JsonObject { ["id"] = "CN" };
        var refused = await (await _uzPlant.PostJsonAsync($"api/v1/tasks/{taskId}/decision", new JsonObject
        {
            ["decision"] = "approve",
            ["certificate"] = broken,
        }.ToJsonString())).ExpectAsync(422);
        var paths = refused["errors"]!.AsArray().Select(e => e!["path"]!.GetValue<string>()).ToList();
        Assert.Contains("officerName", paths);
        Assert.Contains("certificate.consignment.importCountry.id", paths);

        var missing = await (await _uzPlant.PostJsonAsync($"api/v1/tasks/{taskId}/decision", new { decision = "approve" })).ExpectAsync(422);
        Assert.Equal("certificate", missing["errors"]![0]!["path"]!.GetValue<string>());

        var noName = Draft();
        noName["consignment"]!["items"]![0]!["scientificNames"] = new JsonArray();
        var invalid = await (await _uzPlant.PostJsonAsync($"api/v1/tasks/{taskId}/decision", new JsonObject
        {
            ["decision"] = "approve",
            ["certificate"] = noName,
            ["officerName"] = "Bekzod Rakhimov",
        }.ToJsonString())).ExpectAsync(422);
        Assert.Contains(invalid["errors"]!.AsArray(), e => e!["path"]!.GetValue<string>().StartsWith("certificate.consignment.items[0]", StringComparison.Ordinal));

        var badFilter = await (await _uzPlant.GetAsync("api/v1/tasks?status=opened")).ExpectAsync(400);
        Assert.Equal("status.invalid", badFilter["code"]!.GetValue<string>());
        var tasks = await (await _uzPlant.GetAsync("api/v1/tasks?status=open")).ExpectAsync(200);
        Assert.Contains(tasks.AsArray(), t => t!["id"]!.GetValue<string>() == taskId);
        var issued = await (await _uzPlant.GetAsync("api/v1/certificates?direction=issued")).ExpectAsync(200);
        Assert.Empty(issued.AsArray());
    }

    [Fact]
    public async Task StandaloneIssue_ToANonPartner_IsRefused_AndATraderCannotIssue()
    {
        var refused = await (await _uzPlant.PostJsonAsync("api/v1/ephyto", new JsonObject
        {
            ["destinationCountry"] = "BR",
            ["certificate"] = Draft(),
            ["officerName"] = "Bekzod Rakhimov",
        }.ToJsonString())).ExpectAsync(422);
        Assert.Equal("partner.unknown", refused["errors"]![0]!["code"]!.GetValue<string>());
        await (await _trader.PostJsonAsync("api/v1/ephyto", new JsonObject
        {
            ["destinationCountry"] = "KZ",
            ["certificate"] = Draft(),
            ["officerName"] = "Bekzod Rakhimov",
        }.ToJsonString())).ExpectAsync(403);

        var issued = await (await _uzPlant.PostJsonAsync("api/v1/ephyto", new JsonObject
        {
            ["destinationCountry"] = "KZ",
            ["certificate"] = Draft(),
            ["officerName"] = "Bekzod Rakhimov",
        }.ToJsonString())).ExpectAsync(201);
        var number = issued["number"]!.GetValue<string>();
        await OriginScenario.EventuallyAsync(_kzPlant, $"api/v1/certificates/UZ/{number}", c => c["status"]!.GetValue<string>() == "received");
    }

    [Fact]
    public async Task ReceivedEphyto_SignedByAnotherNode_OrAddressedElsewhere_IsRejectedWhole()
    {
        var kz = _network["KZ"].Services;
        var handler = kz.GetServices<Caravan.Exchange.Gateway.IInboundMessageHandler>().OfType<Caravan.Window.Phyto.PhytoCertificateHandler>().Single();
        var database = kz.GetRequiredService<CaravanDatabase>();
        var uzIdentity = _network["UZ"].Services.GetRequiredService<Caravan.NodeContext>().Identity.Certificate;
        var kzIdentity = kz.GetRequiredService<Caravan.NodeContext>().Identity.Certificate;
        var certificate = DemoCertificates.ApplesPhytoDraft(new DateOnly(2026, 9, 17)) with
        {
            Document = DemoCertificates.ApplesPhytoDraft(new DateOnly(2026, 9, 17)).Document! with
            {
                Id = "UZ-PC-2026-999999",
                Name = "Phytosanitary Certificate",
                TypeCode = PhytoCodes.PhytosanitaryCertificate,
                StatusCode = PhytoCodes.StatusIssued,
                IssueDateTime = PhytoDateTime.Of("2026-09-17T10:00:00+05:00"),
                IssuerName = "UZ Plant Quarantine Inspection",
                Signatory = new PhytoSignatory { ActualDateTime = PhytoDateTime.Of("2026-09-17T10:00:00+05:00"), OfficerName = "B. Rakhimov", PlaceName = "Fergana", Clauses = [new PhytoClause(1, "Inspected.")] },
            },
        };
        PhytosanitaryCertificate To(string import) => certificate with
        {
            Consignment = certificate.Consignment! with
            {
                ExportCountry = new PhytoCountry { Id = Caravan.Documents.Common.CountryCode.Of("UZ") },
                ImportCountry = new PhytoCountry { Id = Caravan.Documents.Common.CountryCode.Of(import) },
            },
        };
        Caravan.Exchange.Gateway.InboundMessage Message(byte[] payload) => new("m-" + Guid.NewGuid().ToString("N") + "@uz", "UZ",
            Caravan.Exchange.Gateway.As4Services.Phyto, Caravan.Exchange.Gateway.As4Services.IssueCertificateAction, "UZ-PC-2026-999999", null,
            [new Caravan.Exchange.As4.As4Attachment("cid:1", "application/xml", Caravan.Exchange.As4.PayloadContent.FromBytes(payload))], uzIdentity, TimeProvider.System.GetUtcNow());

        async Task<Caravan.Common.Failure> RejectedAsync(byte[] payload)
        {
            Caravan.Common.Failure? failure = null;
            await database.InTransactionAsync(async (unit, ct) =>
            {
                var result = await handler.HandleAsync(Message(payload), unit, ct);
                Assert.False(result.IsSuccess);
                failure = result.Failure;
                return result;
            }, CancellationToken.None);
            return failure!;
        }

        Assert.Equal("document.signer_untrusted", (await RejectedAsync(PhytoSigning.Sign(To("KZ"), kzIdentity))).Code);
        Assert.Equal("document.import_country", (await RejectedAsync(PhytoSigning.Sign(To("CN"), uzIdentity))).Code);
        var tampered = System.Text.Encoding.UTF8.GetString(PhytoSigning.Sign(To("KZ"), uzIdentity)).Replace("Malus domestica", "Malus sieversii", StringComparison.Ordinal);
        Assert.Equal("document.signature_invalid", (await RejectedAsync(System.Text.Encoding.UTF8.GetBytes(tampered))).Code);
        await (await _kzPlant.GetAsync("api/v1/certificates/UZ/UZ-PC-2026-999999")).ExpectAsync(404);
    }
}
