namespace Caravan.Documents.Phyto;

/// <summary>
/// IPPC harmonized note subjects seen on ePhyto certificates. Document level (<c>IncludedSPSNote</c>): additional
/// declarations <c>ADEDL</c> (text), <c>ADIPEDL</c> (import permit), <c>ADDIEDL</c> (date of inspection),
/// <c>ADAOEDL</c> (other), replacement details <c>ADRP</c>/<c>ADRPN</c>/<c>ADRPR</c>/<c>ADRD</c>, distinguishing
/// marks <c>DMCL</c>, page count <c>SPSFL</c>. Item level (<c>AdditionalInformationSPSNote</c>): the same with the
/// <c>TLIL</c> suffix (trade line item level), marks <c>DMTLIL</c>, and package/quantity texts.
/// </summary>
public static class PhytoNoteSubjects
{
    public const string NumberOfPages = "SPSFL";
    public const string AdditionalDeclaration = "ADEDL";
    public const string ImportPermit = "ADIPEDL";
    public const string InspectionDate = "ADDIEDL";
    public const string OtherDeclaration = "ADAOEDL";
    public const string Replacement = "ADRP";
    public const string ReplacedCertificateNumber = "ADRPN";
    public const string ReplacementReason = "ADRPR";
    public const string ReplacementDate = "ADRD";
    public const string DistinguishingMarks = "DMCL";
    public const string ItemDistinguishingMarks = "DMTLIL";
    public const string ItemAdditionalDeclaration = "ADTLIL";
    public const string ItemPackagesText = "OPTND";

    /// <summary>True for an additional-declaration subject (<c>AD...</c>) other than the replacement details.</summary>
    public static bool IsAdditionalDeclaration(string? subject) =>
        subject is not null && subject.StartsWith("AD", StringComparison.Ordinal) && !subject.StartsWith("ADR", StringComparison.Ordinal);
}
