using Caravan.Window.Requirements;

namespace Caravan.Window.Consignments;

/// <summary>Stored (snake_case) names of the single window's enums, in one place.</summary>
public static class Names
{
    public static string Of(ConsignmentStatus status) => status switch
    {
        ConsignmentStatus.Draft => "draft",
        ConsignmentStatus.InReview => "in_review",
        ConsignmentStatus.Released => "released",
        ConsignmentStatus.Rejected => "rejected",
        ConsignmentStatus.Withdrawn => "withdrawn",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Of(AgencyTaskStatus status) => status switch
    {
        AgencyTaskStatus.Open => "open",
        AgencyTaskStatus.InformationRequested => "information_requested",
        AgencyTaskStatus.Approved => "approved",
        AgencyTaskStatus.Rejected => "rejected",
        AgencyTaskStatus.Cancelled => "cancelled",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    public static string Of(Procedure procedure) => procedure switch
    {
        Procedure.Export => "export",
        Procedure.Import => "import",
        Procedure.Transit => "transit",
        _ => throw new ArgumentOutOfRangeException(nameof(procedure), procedure, null),
    };

    public static string Of(AgencyActionKind action) => action switch
    {
        AgencyActionKind.Licence => "licence",
        AgencyActionKind.Permit => "permit",
        AgencyActionKind.CertificateOfOrigin => "certificate_of_origin",
        AgencyActionKind.PhytosanitaryCertificate => "phytosanitary_certificate",
        AgencyActionKind.VeterinaryCertificate => "veterinary_certificate",
        AgencyActionKind.ConformityCertificate => "conformity_certificate",
        AgencyActionKind.Inspection => "inspection",
        AgencyActionKind.CustomsClearance => "customs_clearance",
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    public static ConsignmentStatus ParseConsignmentStatus(string name) => Parse(name, Enum.GetValues<ConsignmentStatus>(), Of);

    public static AgencyTaskStatus ParseTaskStatus(string name) => Parse(name, Enum.GetValues<AgencyTaskStatus>(), Of);

    public static Procedure ParseProcedure(string name) => Parse(name, Enum.GetValues<Procedure>(), Of);

    public static AgencyActionKind ParseAction(string name) => Parse(name, Enum.GetValues<AgencyActionKind>(), Of);

    /// <summary>The task status a stored or query name stands for; false for any other name.</summary>
    public static bool TryParseTaskStatus(string? name, out AgencyTaskStatus status) => TryParse(name, Enum.GetValues<AgencyTaskStatus>(), Of, out status);

    /// <summary>The action a stored or query name stands for; false for any other name.</summary>
    public static bool TryParseAction(string? name, out AgencyActionKind action) => TryParse(name, Enum.GetValues<AgencyActionKind>(), Of, out action);

    private static bool TryParse<T>(string? name, T[] values, Func<T, string> of, out T value)
        where T : struct
    {
        foreach (var candidate in values)
        {
            if (of(candidate) == name)
            {
                value = candidate;
                return true;
            }
        }
        value = default;
        return false;
    }

    private static T Parse<T>(string name, T[] values, Func<T, string> of) =>
        values.FirstOrDefault(v => of(v) == name) is { } found && of(found) == name ? found : throw new FormatException($"Unknown {typeof(T).Name} '{name}'.");
}
