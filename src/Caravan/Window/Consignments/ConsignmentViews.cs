using System.Text.Json;
using Caravan.Window.Requirements;

namespace Caravan.Window.Consignments;

/// <summary>A consignment as shown through the API: its data, the matrix version it was assessed under, tasks and history.</summary>
public sealed record ConsignmentView(
    string Id,
    string TraderPartyId,
    string LodgedByPartyId,
    ConsignmentStatus Status,
    Procedure Procedure,
    string OriginCountry,
    string DestinationCountry,
    int? MatrixVersion,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    DateTimeOffset? SubmittedAt,
    DateTimeOffset? ReleasedAt,
    JsonElement Declaration,
    IReadOnlyList<AgencyTaskView> Tasks,
    IReadOnlyList<ConsignmentEvent> History);

/// <summary>One agency's task on a consignment.</summary>
public sealed record AgencyTaskView(
    string Id,
    string ConsignmentId,
    AgencyActionKind Action,
    string AgencyPartyId,
    AgencyTaskStatus Status,
    IReadOnlyList<string> RuleIds,
    IReadOnlyList<int> ItemNumbers,
    string? Reason,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    DateTimeOffset CreatedAt);

/// <summary>One entry of a consignment's append-only history: who did what, when and why.</summary>
public sealed record ConsignmentEvent(int Seq, DateTimeOffset At, string Actor, string Kind, string? Reason, string? TaskId);
