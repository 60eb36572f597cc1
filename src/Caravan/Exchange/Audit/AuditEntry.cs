namespace Caravan.Exchange.Audit;

/// <summary>
/// An event to append to the audit chain: who (<see cref="Actor"/>) did what (<see cref="Kind"/>) to which message
/// or object, when. <see cref="DetailsJson"/> is stored and hashed exactly as given (it must be valid JSON).
/// <see cref="At"/> is kept to microsecond precision.
/// </summary>
public sealed record AuditEntry
{
    public required DateTimeOffset At { get; init; }

    public required string Actor { get; init; }

    public required string Kind { get; init; }

    public string? MessageId { get; init; }

    /// <summary>The business object concerned, e.g. <c>certificate:KE-CO-2026-000123</c>.</summary>
    public string? Subject { get; init; }

    public string? DetailsJson { get; init; }
}
