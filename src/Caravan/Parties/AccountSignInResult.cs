namespace Caravan.Parties;

/// <summary>How a sign-in attempt ended.</summary>
public enum AccountSignInOutcome
{
    SignedIn,

    /// <summary>Unknown username or wrong password (not distinguished, so usernames cannot be probed).</summary>
    InvalidCredentials,

    /// <summary>Too many consecutive failures: the account refuses every password until the lockout ends.</summary>
    LockedOut,

    Disabled,
}

/// <summary>The outcome of <see cref="AccountStore.SignInAsync"/>; <see cref="Account"/> is set only when signed in.</summary>
public sealed record AccountSignInResult(AccountSignInOutcome Outcome, Account? Account, DateTimeOffset? LockedUntil = null)
{
    public bool IsSignedIn => Outcome == AccountSignInOutcome.SignedIn;
}
