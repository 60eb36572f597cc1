namespace Caravan.Exchange.As4.Model;

/// <summary>
/// One ebMS error (an eb:Error element, or a problem found while processing a received message that will
/// become one): the code, a human-readable description, and the id of the message in error when known.
/// </summary>
public sealed record EbmsError(EbmsErrorCode Code, string? Description, string? RefToMessageInError = null)
{
    /// <summary>The severity actually sent or received; defaults to the code's severity.</summary>
    public string Severity { get; init; } = Code.Severity;

    public string? ErrorDetail { get; init; }

    public override string ToString() => Description is null ? Code.ToString() : Code + ": " + Description;
}
