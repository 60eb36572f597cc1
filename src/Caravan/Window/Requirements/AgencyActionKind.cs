namespace Caravan.Window.Requirements;

/// <summary>What an agency must do for a consignment, as the regulatory-requirements matrix says.</summary>
public enum AgencyActionKind
{
    Licence,
    Permit,
    CertificateOfOrigin,
    PhytosanitaryCertificate,
    VeterinaryCertificate,
    ConformityCertificate,
    Inspection,
    CustomsClearance,
}
