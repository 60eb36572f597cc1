using Caravan.Exchange.Outbox;
using Caravan.Storage;
using Caravan.Tests.TestSupport;
using Caravan.Trust;
using Caravan.Window.Certificates;

namespace Caravan.Tests.Window.Certificates;

/// <summary>
/// The importer's notice can reach the issuer before the issuer has recorded the signed receipt of the certificate
/// (the delivery worker settles receipts a moment after they come back). The history must still read issued → sent →
/// inspected, on a real database.
/// </summary>
public sealed class CertificateNoticeOrderTests : IAsyncLifetime
{
    private static readonly DateTimeOffset IssuedAt = new(2026, 11, 2, 8, 0, 0, TimeSpan.Zero);
    private TestDatabase _db = null!;
    private CertificateStore _certificates = null!;
    private CertificateLifecycle _lifecycle = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        var identity = NodeIdentity.FromCertificate(NodeIdentity.CreateSelfSigned("UZ", "Uzbekistan single window", IssuedAt, TimeSpan.FromDays(30)));
        _certificates = new CertificateStore();
        _lifecycle = new CertificateLifecycle(new NodeContext("UZ", "Uzbekistan", identity, new TrustList([])), _certificates, new OutboxStore(_db.Database), TimeProvider.System);
        await InUnit(unit => _certificates.InsertAsync(
            new NewCertificate("UZ", "UZ-PC-2026-000001", "phyto", CertificateDirection.Issued, "KZ", null, null, "m1@uz", IssuedAt,
                [new NewCertificateItem(1, "080810", "KGM", 1_000_000_000)], "{}", "<x/>"),
            "nppo", "issued", unit.Transaction, CancellationToken.None));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task ImportersNotice_BeforeTheReceiptIsRecorded_RecordsTheDeliveryFirst()
    {
        var applied = await InUnit(unit => _lifecycle.ApplyNoticeAsync("KZ",
            new CertificateStatusNotice("UZ", "UZ-PC-2026-000001", "phyto", "inspected", IssuedAt.AddHours(2), "no pests found", null, null), unit, CancellationToken.None));
        Assert.True(applied.IsSuccess);

        // The receipt is settled afterwards: it finds the certificate past sent and records nothing more.
        var late = await InUnit(unit => _certificates.ChangeStatusAsync("UZ", "UZ-PC-2026-000001", CertificateStatus.Sent, IssuedAt.AddHours(3), "gateway:UZ", "signed receipt from KZ", unit.Transaction, CancellationToken.None));
        Assert.False(late.IsSuccess);

        var view = await _db.Database.ReadAsync((c, ct) => _certificates.FindAsync("UZ", "UZ-PC-2026-000001", c, null, ct), CancellationToken.None);
        Assert.Equal(["issued", "sent", "inspected"], view!.History.Select(h => h.Status));
        Assert.Equal("inspected", view.Status);
        Assert.Equal("gateway:UZ", view.History[1].Actor);
    }

    [Fact]
    public async Task ImportersNotice_AfterTheReceipt_AddsOnlyTheDecision()
    {
        await InUnit(unit => _certificates.ChangeStatusAsync("UZ", "UZ-PC-2026-000001", CertificateStatus.Sent, IssuedAt.AddHours(1), "gateway:UZ", "signed receipt from KZ", unit.Transaction, CancellationToken.None));
        await InUnit(unit => _lifecycle.ApplyNoticeAsync("KZ",
            new CertificateStatusNotice("UZ", "UZ-PC-2026-000001", "phyto", "accepted", IssuedAt.AddHours(2), null, null, null), unit, CancellationToken.None));

        var view = await _db.Database.ReadAsync((c, ct) => _certificates.FindAsync("UZ", "UZ-PC-2026-000001", c, null, ct), CancellationToken.None);
        Assert.Equal(["issued", "sent", "accepted"], view!.History.Select(h => h.Status));
    }

    private Task<T> InUnit<T>(Func<UnitOfWork, Task<T>> work) => _db.Database.InTransactionAsync((unit, _) => work(unit), CancellationToken.None);

    private Task InUnit(Func<UnitOfWork, Task> work) => _db.Database.InTransactionAsync(async (unit, _) => { await work(unit); return true; }, CancellationToken.None);
}
