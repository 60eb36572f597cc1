namespace Caravan.Exchange.As4.Security;

/// <summary>The result of decrypting a message through <see cref="IAs4Encryption"/>: success, or the reason it failed (EBMS:0102).</summary>
public sealed record As4DecryptionOutcome(bool Succeeded, string? FailureReason)
{
    public static As4DecryptionOutcome Success { get; } = new(true, null);

    public static As4DecryptionOutcome Failure(string reason) => new(false, reason);
}
