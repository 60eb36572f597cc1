using Caravan.Common;
using Caravan.Documents.Common;

namespace Caravan.Window.Certificates;

/// <summary>Where an issued certificate may be sent: a valid country code of one of this node's partners.</summary>
public static class PartnerDestination
{
    /// <summary>The destination's country code, or the field error to answer with (naming <paramref name="path"/>).</summary>
    public static Result<string> Check(NodeContext node, string? destination, string path)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (!CountryCode.TryParse(destination, out var country))
        {
            return Failure.Validation([new FieldError(path, "country_code.invalid", $"{path} must be an ISO 3166-1 alpha-2 code.")]);
        }
        if (node.TrustList.FindPartner(country.Value) is null)
        {
            return Failure.Validation([new FieldError(path, "partner.unknown", $"{country} is not a partner of this node; certificates can only be sent to partners.")]);
        }
        return country.Value;
    }
}
