using Caravan.Parties;
using Caravan.Tests.TestSupport;

namespace Caravan.Tests.Portal;

public sealed class AccountStoreTests : IAsyncLifetime
{
    private const string Password = "correct horse battery";
    private readonly ManualTime _time = new(DateTimeOffset.FromUnixTimeSeconds(1_790_000_000));
    private TestDatabase _db = null!;
    private AccountStore _store = null!;

    public async Task InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _store = new AccountStore(_db.Database, _time);
        await _db.Database.InTransactionAsync(async (unit, ct) =>
        {
            var party = await new PartyStore(_db.Database, _time).CreateAsync("fergana-fruits", "Fergana Valley Fruits LLC", PartyRole.Trader, unit.Transaction, ct);
            Assert.True(party.IsSuccess);
        }, CancellationToken.None);
    }

    private Task<Caravan.Common.Result<Account>> CreateAsync(string username = "Fergana", string password = Password, string partyId = "fergana-fruits") =>
        _db.Database.InTransactionAsync((unit, ct) => _store.CreateAsync(username, "Dilshod Karimov", partyId, password, unit.Transaction, ct), CancellationToken.None);

    [Fact]
    public async Task Create_StoresNormalisedUsernameWithPartyRole_AndSignInWorks()
    {
        var created = await CreateAsync();

        Assert.True(created.IsSuccess);
        Assert.Equal("fergana", created.Value.Username);
        Assert.Equal(PartyRole.Trader, created.Value.Role);
        var signIn = await _store.SignInAsync("FERGANA", Password, CancellationToken.None);
        Assert.Equal(AccountSignInOutcome.SignedIn, signIn.Outcome);
        Assert.Equal(created.Value.Id, signIn.Account!.Id);
    }

    [Fact]
    public async Task Create_WeakPasswordUnknownPartyOrTakenName_FailsNamingTheField()
    {
        Assert.True((await CreateAsync()).IsSuccess);

        var weak = await CreateAsync("other", "short");
        var party = await CreateAsync("other2", partyId: "nobody");
        var taken = await CreateAsync("fergana");

        Assert.Contains(weak.Failure!.Errors!, e => e.Path == "password");
        Assert.Contains(party.Failure!.Errors!, e => e.Path == "partyId");
        Assert.Equal("account.exists", taken.Failure!.Code);
    }

    [Fact]
    public async Task SignIn_FiveWrongPasswords_LocksOutEvenTheRightOneUntilTheLockoutEnds()
    {
        await CreateAsync();
        for (var i = 0; i < AccountStore.MaxFailedAttempts - 1; i++)
        {
            Assert.Equal(AccountSignInOutcome.InvalidCredentials, (await _store.SignInAsync("fergana", "wrong password " + i, CancellationToken.None)).Outcome);
        }

        var fifth = await _store.SignInAsync("fergana", "wrong password again", CancellationToken.None);
        var right = await _store.SignInAsync("fergana", Password, CancellationToken.None);
        _time.Advance(AccountStore.LockoutDuration + TimeSpan.FromSeconds(1));
        var after = await _store.SignInAsync("fergana", Password, CancellationToken.None);

        Assert.Equal(AccountSignInOutcome.LockedOut, fifth.Outcome);
        Assert.Equal(AccountSignInOutcome.LockedOut, right.Outcome);
        Assert.Equal(AccountSignInOutcome.SignedIn, after.Outcome);
    }

    [Fact]
    public async Task SignIn_UnknownUserOrDisabledAccount_IsRefused()
    {
        var created = await CreateAsync();
        Assert.Equal(AccountSignInOutcome.InvalidCredentials, (await _store.SignInAsync("nobody", Password, CancellationToken.None)).Outcome);

        var disabled = await _db.Database.InTransactionAsync((unit, ct) => _store.SetDisabledAsync(created.Value.Id, true, unit.Transaction, ct), CancellationToken.None);

        Assert.NotEqual(created.Value.SecurityStamp, disabled.Value.SecurityStamp);
        Assert.Equal(AccountSignInOutcome.Disabled, (await _store.SignInAsync("fergana", Password, CancellationToken.None)).Outcome);
    }

    [Fact]
    public void Passwords_HashIsSaltedAndOnlyTheRightPasswordVerifies()
    {
        var first = AccountPasswords.Hash(Password, 1000);
        var second = AccountPasswords.Hash(Password, 1000);

        Assert.NotEqual(first, second);
        Assert.StartsWith("pbkdf2-sha256$1000$", first, StringComparison.Ordinal);
        Assert.True(AccountPasswords.Verify(Password, first));
        Assert.False(AccountPasswords.Verify(Password + "!", first));
        Assert.False(AccountPasswords.Verify(Password, "pbkdf2-sha256$x$y$z"));
        Assert.DoesNotContain(Password, first, StringComparison.Ordinal);
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();
}
