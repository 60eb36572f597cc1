using System.Text.Json;
using Caravan.Common;
using Caravan.Parties;
using Caravan.Storage;
using Caravan.Tests.TestSupport;
using Caravan.Window.Consignments;
using Caravan.Window.Notifications;
using Caravan.Window.Requirements;
using Dapper;

namespace Caravan.Tests.Window;

/// <summary>The single window's workflow on a real database: parallel tasks, guarded decisions, coordinated release.</summary>
public sealed class ConsignmentWorkflowTests : IAsyncLifetime
{
    private static readonly Actor Trader = new("trader-1", PartyRole.Trader);
    private static readonly Actor OtherTrader = new("trader-2", PartyRole.Trader);
    private static readonly Actor Broker = new("broker-1", PartyRole.Broker);
    private static readonly Actor Nppo = new("nppo", PartyRole.Agency);
    private static readonly Actor Customs = new("customs", PartyRole.Customs);
    private TestDatabase _db = null!;
    private ConsignmentWorkflow _sut = null!;
    private RequirementMatrixStore _matrices = null!;
    private MandateStore _mandates = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _matrices = new RequirementMatrixStore(_db.Database, TimeProvider.System);
        _mandates = new MandateStore(TimeProvider.System);
        _sut = new ConsignmentWorkflow(_matrices, _mandates, [new TraderNotifier(new WebhookStore(TimeProvider.System))], [], TimeProvider.System);
        await InUnit(async unit =>
        {
            foreach (var (id, role) in new[] { ("trader-1", "trader"), ("trader-2", "trader"), ("broker-1", "broker"), ("nppo", "agency"), ("customs", "customs") })
            {
                await unit.Connection.ExecuteAsync("insert into parties (id, name, role, created_at_ms) values (@id, @id, @role, 0)", new { id, role }, unit.Transaction);
            }
            return (await _matrices.PublishAsync(
            [
                new RequirementRule { Id = "fruit-phyto", HsPrefix = "08", Procedure = Procedure.Export, Action = AgencyActionKind.PhytosanitaryCertificate, AgencyPartyId = "nppo" },
                new RequirementRule { Id = "export-customs", HsPrefix = "08", Procedure = Procedure.Export, Action = AgencyActionKind.CustomsClearance, AgencyPartyId = "customs" },
            ], "initial", "operator", unit, CancellationToken.None)).Value;
        });
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private Task<T> InUnit<T>(Func<UnitOfWork, Task<T>> work) => _db.Database.InTransactionAsync((unit, _) => work(unit), CancellationToken.None);

    private static Lodgement Apples(string hs = "080810") => TestDeclarations.ExportLodgement("UZ", "KZ", hs);

    private async Task<ConsignmentView> SubmittedAsync(Actor? actor = null)
    {
        var draft = (await InUnit(u => _sut.CreateDraftAsync(actor ?? Trader, null, Apples(), u, CancellationToken.None))).Value;
        return (await InUnit(u => _sut.SubmitAsync(actor ?? Trader, draft.Id, u, CancellationToken.None))).Value;
    }

    private Task<Result<ConsignmentView>> DecideAsync(Actor agency, ConsignmentView consignment, AgencyActionKind action, TaskDecision decision, string? reason = null) =>
        InUnit(u => _sut.DecideAsync(agency, consignment.Tasks.Single(t => t.Action == action).Id, decision, reason, u, CancellationToken.None));

    [Fact]
    public async Task Submit_OpensOneTaskPerRequiredAction_AllAtOnce_UnderTheActiveMatrixVersion()
    {
        var submitted = await SubmittedAsync();
        Assert.Equal(ConsignmentStatus.InReview, submitted.Status);
        Assert.Equal(1, submitted.MatrixVersion);
        Assert.Equal([AgencyTaskStatus.Open, AgencyTaskStatus.Open], submitted.Tasks.Select(t => t.Status).ToList());
        Assert.Equal(["drafted", "submitted", "task-opened", "task-opened"], submitted.History.Select(h => h.Kind).ToList());
    }

    [Fact]
    public async Task Release_HappensOnlyWhenEveryTaskPassed()
    {
        var submitted = await SubmittedAsync();
        var afterOne = (await DecideAsync(Nppo, submitted, AgencyActionKind.PhytosanitaryCertificate, TaskDecision.Approve)).Value;
        Assert.Equal(ConsignmentStatus.InReview, afterOne.Status);
        var afterBoth = (await DecideAsync(Customs, submitted, AgencyActionKind.CustomsClearance, TaskDecision.Approve)).Value;
        Assert.Equal(ConsignmentStatus.Released, afterBoth.Status);
        Assert.NotNull(afterBoth.ReleasedAt);
        Assert.Equal("released", afterBoth.History[^1].Kind);
    }

    [Fact]
    public async Task Rejection_RejectsTheConsignment_ExplainsWhy_AndCancelsTheOtherTasks()
    {
        var submitted = await SubmittedAsync();
        var rejected = (await DecideAsync(Nppo, submitted, AgencyActionKind.PhytosanitaryCertificate, TaskDecision.Reject, "Codling moth found in samples")).Value;
        Assert.Equal(ConsignmentStatus.Rejected, rejected.Status);
        Assert.Contains("Codling moth", rejected.History[^1].Reason, StringComparison.Ordinal);
        Assert.Equal(AgencyTaskStatus.Cancelled, rejected.Tasks.Single(t => t.Action == AgencyActionKind.CustomsClearance).Status);
    }

    [Fact]
    public async Task DecidingTwice_IsAConflict_NotAnOverwrite()
    {
        var submitted = await SubmittedAsync();
        (await DecideAsync(Nppo, submitted, AgencyActionKind.PhytosanitaryCertificate, TaskDecision.Approve)).Value.ToString();
        var again = await DecideAsync(Nppo, submitted, AgencyActionKind.PhytosanitaryCertificate, TaskDecision.Reject, "changed my mind");
        Assert.Equal("task.already_decided", again.Failure!.Code);
        var view = await _db.Database.ReadAsync((c, ct) => _sut.FindAsync(submitted.Id, c, null, ct), CancellationToken.None);
        Assert.Equal(AgencyTaskStatus.Approved, view!.Tasks.Single(t => t.Action == AgencyActionKind.PhytosanitaryCertificate).Status);
    }

    [Fact]
    public async Task DecisionByTheWrongAgency_IsAConflict()
    {
        var submitted = await SubmittedAsync();
        var wrong = await DecideAsync(Customs, submitted, AgencyActionKind.PhytosanitaryCertificate, TaskDecision.Approve);
        Assert.Equal("task.wrong_agency", wrong.Failure!.Code);
    }

    [Fact]
    public async Task InformationRequest_TraderAnswers_TaskReopens_AndTheAgencyCanDecide()
    {
        var submitted = await SubmittedAsync();
        var asked = (await DecideAsync(Nppo, submitted, AgencyActionKind.PhytosanitaryCertificate, TaskDecision.RequestInformation, "Which orchard?")).Value;
        Assert.Equal(AgencyTaskStatus.InformationRequested, asked.Tasks.Single(t => t.Action == AgencyActionKind.PhytosanitaryCertificate).Status);
        var blocked = await DecideAsync(Nppo, submitted, AgencyActionKind.PhytosanitaryCertificate, TaskDecision.Approve);
        Assert.Equal("task.already_decided", blocked.Failure!.Code);

        var answered = (await InUnit(u => _sut.RespondAsync(Trader, submitted.Id, "Quva Orchards Cooperative, block 7", u, CancellationToken.None))).Value;
        Assert.Equal(AgencyTaskStatus.Open, answered.Tasks.Single(t => t.Action == AgencyActionKind.PhytosanitaryCertificate).Status);
        Assert.Equal("information-provided", answered.History[^1].Kind);
        Assert.True((await DecideAsync(Nppo, submitted, AgencyActionKind.PhytosanitaryCertificate, TaskDecision.Approve)).IsSuccess);
    }

    [Fact]
    public async Task NoRequiredAction_IsReleasedAtSubmission_GreenLane()
    {
        var draft = (await InUnit(u => _sut.CreateDraftAsync(Trader, null, Apples("847130"), u, CancellationToken.None))).Value;
        var submitted = (await InUnit(u => _sut.SubmitAsync(Trader, draft.Id, u, CancellationToken.None))).Value;
        Assert.Equal(ConsignmentStatus.Released, submitted.Status);
        Assert.Empty(submitted.Tasks);
    }

    [Fact]
    public async Task Withdraw_BeforeRelease_CancelsTasks_AfterReleaseIsAConflict()
    {
        var submitted = await SubmittedAsync();
        var withdrawn = (await InUnit(u => _sut.WithdrawAsync(Trader, submitted.Id, "order cancelled", u, CancellationToken.None))).Value;
        Assert.Equal(ConsignmentStatus.Withdrawn, withdrawn.Status);
        Assert.All(withdrawn.Tasks, t => Assert.Equal(AgencyTaskStatus.Cancelled, t.Status));
        var again = await InUnit(u => _sut.WithdrawAsync(Trader, submitted.Id, "again", u, CancellationToken.None));
        Assert.Equal("consignment.not_withdrawable", again.Failure!.Code);
    }

    [Fact]
    public async Task AnotherTrader_CannotSeeOrTouchTheConsignment()
    {
        var submitted = await SubmittedAsync();
        var withdraw = await InUnit(u => _sut.WithdrawAsync(OtherTrader, submitted.Id, "not mine", u, CancellationToken.None));
        Assert.Equal(FailureKind.NotFound, withdraw.Failure!.Kind);
        var list = await _db.Database.ReadAsync((c, ct) => _sut.ListAsync(OtherTrader, 100, c, ct), CancellationToken.None);
        Assert.Empty(list);
        Assert.False(ConsignmentWorkflow.MaySee(OtherTrader, submitted));
        Assert.True(ConsignmentWorkflow.MaySee(Nppo, submitted));
    }

    [Fact]
    public async Task Broker_ActsOnlyWithARecordedMandate()
    {
        var without = await InUnit(u => _sut.CreateDraftAsync(Broker, "trader-1", Apples(), u, CancellationToken.None));
        Assert.Equal("mandate.missing", without.Failure!.Code);

        await InUnit(u => _mandates.GrantAsync("trader-1", "broker-1", TimeProvider.System.GetUtcNow().AddDays(30), u, CancellationToken.None));
        var draft = (await InUnit(u => _sut.CreateDraftAsync(Broker, "trader-1", Apples(), u, CancellationToken.None))).Value;
        Assert.Equal("trader-1", draft.TraderPartyId);
        Assert.Equal("broker-1", draft.LodgedByPartyId);
        Assert.True(ConsignmentWorkflow.MaySee(Trader, draft));

        var other = await InUnit(u => _sut.CreateDraftAsync(Broker, "trader-2", Apples(), u, CancellationToken.None));
        Assert.Equal("mandate.missing", other.Failure!.Code);
    }

    [Fact]
    public async Task Changes_AreQueuedForTheTradersWebhook_InTheSameTransaction()
    {
        var webhooks = new WebhookStore(TimeProvider.System);
        await InUnit(u => webhooks.RegisterAsync("trader-1", "http://127.0.0.1:9/hook", u, CancellationToken.None));
        var submitted = await SubmittedAsync();
        await DecideAsync(Nppo, submitted, AgencyActionKind.PhytosanitaryCertificate, TaskDecision.Approve);
        var events = await _db.Database.ReadAsync(async (c, ct) => (await c.QueryAsync<string>("select event_json from webhook_deliveries where party_id = 'trader-1' order by created_at_ms, id")).ToList(), CancellationToken.None);
        Assert.Equal(["consignment.submitted", "consignment.task-approved"], events.Select(e => JsonDocument.Parse(e).RootElement.GetProperty("type").GetString()).ToList());
    }
}
