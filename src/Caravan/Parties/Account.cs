namespace Caravan.Parties;

/// <summary>
/// A person who signs in to the portal, acting for exactly one party (organisation and role). The password hash,
/// failure count and lockout stay inside <see cref="AccountStore"/>.
/// </summary>
public sealed record Account(
    string Id,
    string Username,
    string DisplayName,
    string PartyId,
    string PartyName,
    PartyRole Role,
    DateTimeOffset CreatedAt,
    DateTimeOffset? LastSignInAt,
    DateTimeOffset? LockedUntil,
    bool IsDisabled,
    string SecurityStamp);
