namespace Caravan.Exchange.As4.Security;

/// <summary>
/// Outcome of decrypting an AS4 message's attachments: success with the Content-IDs that were decrypted,
/// or a failure reason and a human-readable detail (for logs; not to be echoed to the sender verbatim).
/// On failure no attachment and no part of the envelope was changed.
/// </summary>
public sealed class DecryptionResult
{
    private DecryptionResult(bool succeeded, DecryptionFailureReason? failureReason, string detail, IReadOnlyList<string> decryptedContentIds)
    {
        Succeeded = succeeded;
        FailureReason = failureReason;
        Detail = detail;
        DecryptedContentIds = decryptedContentIds;
    }

    public bool Succeeded { get; }

    /// <summary>Null when <see cref="Succeeded"/>.</summary>
    public DecryptionFailureReason? FailureReason { get; }

    public string Detail { get; }

    /// <summary>Content-IDs (without angle brackets) of the attachments now holding plaintext.</summary>
    public IReadOnlyList<string> DecryptedContentIds { get; }

    public static DecryptionResult Success(IReadOnlyList<string> decryptedContentIds)
    {
        ArgumentNullException.ThrowIfNull(decryptedContentIds);
        return new(true, null, "", decryptedContentIds);
    }

    public static DecryptionResult Failure(DecryptionFailureReason reason, string detail) => new(false, reason, detail, []);

    public override string ToString() =>
        Succeeded ? $"Decrypted {DecryptedContentIds.Count} attachment(s)" : $"{FailureReason}: {Detail}";
}
