using System.Text.Json;

namespace Caravan.Window.Consignments;

/// <summary>
/// What an agency gives with an approval whose action issues a document: the certificate's content (for an ePhyto,
/// the SPSCertificate JSON without the fields the node fills at issue), the signing officer and the place of issue.
/// </summary>
public sealed record TaskApproval(JsonElement? Certificate, string? OfficerName, string? Place)
{
    public static TaskApproval None { get; } = new(null, null, null);
}
