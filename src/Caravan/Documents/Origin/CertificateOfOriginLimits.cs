namespace Caravan.Documents.Origin;

/// <summary>
/// Size limits of certificate fields (in UTF-16 code units), shared by the validator and mirrored in
/// <c>CertificateOfOrigin-1.xsd</c> so that every valid certificate is also schema-valid XML.
/// </summary>
public static class CertificateOfOriginLimits
{
    public const int Code = 35;
    public const int Name = 200;
    public const int AddressLine = 200;
    public const int MaxAddressLines = 5;
    public const int City = 100;
    public const int PostalCode = 17;
    public const int IdentifierValue = 70;
    public const int MeansId = 70;
    public const int Place = 100;
    public const int Description = 512;
    public const int Remarks = 2000;
    public const int MaxItems = 999;
    public const int MaxItemNumber = 9999;
}
