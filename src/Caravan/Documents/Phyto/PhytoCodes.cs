namespace Caravan.Documents.Phyto;

/// <summary>
/// Code values of the ePhyto SPSCertificate used by Caravan: document types, statuses, classification systems,
/// treatment characteristic codes and the unit codes accepted for weights and volumes. The status codes are
/// Caravan's reading of the IPPC hub convention (the hub WSDL carries them as numbers without a list); see
/// docs/documents/ephyto.md.
/// </summary>
public static class PhytoCodes
{
    /// <summary>Document type 851: phytosanitary certificate (export).</summary>
    public const int PhytosanitaryCertificate = 851;

    /// <summary>Document type 657: phytosanitary certificate for re-export.</summary>
    public const int ReExportCertificate = 657;

    /// <summary>Status 70: issued (an original certificate).</summary>
    public const int StatusIssued = 70;

    /// <summary>Status 40: a replacement certificate, which names the certificate it replaces.</summary>
    public const int StatusReplacement = 40;

    /// <summary>Status 39: the certificate is withdrawn (cancelled by the issuing NPPO).</summary>
    public const int StatusWithdrawn = 39;

    /// <summary>Classification system: Harmonized System (6 digits, or a national tariff line of 8-10 digits).</summary>
    public const string SystemHs = "HS";

    /// <summary>Classification system: EPPO code of the plant (e.g. <c>RIBSS</c>).</summary>
    public const string SystemEppo = "EPPO";

    /// <summary>Classification system: IPPC commodity class (e.g. Seeds, Plants for planting).</summary>
    public const string SystemIppcCommodityClass = "IPPCPCVP";

    /// <summary>Classification system: IPPC commodity condition (e.g. Fresh, Rooted).</summary>
    public const string SystemIppcCommodityCondition = "IPPCPCC";

    /// <summary>Treatment characteristic: treatment type, first level (e.g. <c>CHT</c> chemical treatment).</summary>
    public const string TreatmentTypeLevel1 = "TTL1";

    /// <summary>Treatment characteristic: treatment type, second level.</summary>
    public const string TreatmentTypeLevel2 = "TTL2";

    /// <summary>Treatment characteristic: active ingredient (chemical), a Codex pesticide code.</summary>
    public const string TreatmentChemical = "TTCH";

    /// <summary>Treatment characteristic: concentration (value in the measure).</summary>
    public const string TreatmentConcentration = "TTCO";

    /// <summary>Treatment characteristic: temperature (value in the measure).</summary>
    public const string TreatmentTemperature = "TTTM";

    /// <summary>Treatment characteristic: free-text description of the treatment.</summary>
    public const string TreatmentFreeText = "TTFT";

    /// <summary>Treatment characteristic: additional information.</summary>
    public const string TreatmentAdditionalInformation = "TTAI";

    /// <summary>The document type codes a certificate may carry.</summary>
    public static readonly IReadOnlySet<int> TypeCodes = new HashSet<int> { PhytosanitaryCertificate, ReExportCertificate };

    /// <summary>The document status codes a certificate may carry.</summary>
    public static readonly IReadOnlySet<int> StatusCodes = new HashSet<int> { StatusIssued, StatusReplacement, StatusWithdrawn };

    /// <summary>UN/ECE Rec 20 mass units accepted for net and gross weight.</summary>
    public static readonly IReadOnlySet<string> WeightUnits = new HashSet<string>(StringComparer.Ordinal) { "KGM", "GRM", "MGM", "TNE", "LBR", "ONZ" };

    /// <summary>UN/ECE Rec 20 volume units accepted for net and gross volume.</summary>
    public static readonly IReadOnlySet<string> VolumeUnits = new HashSet<string>(StringComparer.Ordinal) { "MTQ", "LTR", "MLT", "HLT", "GLL", "BLL" };
}
