namespace Caravan.Documents.Phyto;

/// <summary>
/// The stable error codes reported for phytosanitary certificates. Value codes (<c>country_code.*</c>,
/// <c>un_locode.*</c>, <c>unit_code.*</c>, <c>date_time.format</c>) come from the value types when a document is
/// read. Codes are a contract: add, don't rename.
/// </summary>
public static class PhytoErrorCodes
{
    public const string Required = "required";
    public const string TextTooLong = "text.too_long";
    public const string TextInvalidCharacters = "text.invalid_characters";
    public const string TypeCodeUnknown = "phyto.type_code.unknown";
    public const string StatusCodeUnknown = "phyto.status_code.unknown";
    public const string ImportIsExport = "phyto.country.import_is_export";
    public const string ItemsEmpty = "phyto.items.empty";
    public const string SequenceDuplicate = "phyto.sequence.duplicate";
    public const string NumberNotPositive = "number.not_positive";
    public const string NumberNegative = "number.negative";
    public const string ItemsTooMany = "phyto.items.too_many";
    public const string WeightUnit = "phyto.unit.not_weight";
    public const string VolumeUnit = "phyto.unit.not_volume";
    public const string GrossBelowNet = "phyto.weight.gross_below_net";
    public const string HsCodeFormat = "hs_code.format";
    public const string HsCodeUnknown = "hs_code.unknown";
    public const string DateAfterIssue = "phyto.date.after_issue";
    public const string DateOrder = "date.order";
    public const string BotanicalNameMissing = "phyto.botanical_name.missing";
    public const string ReplacedCertificateMissing = "phyto.replacement.reference_missing";
    public const string OriginalCertificateMissing = "phyto.reexport.reference_missing";
    public const string NoteContentCount = "phyto.note.content_count";
    public const string AddressTooManyLines = "address.too_many_lines";
    public const string PackageTypeFormat = "packages.kind_format";
    public const string ModeCodeUnknown = "phyto.mode_code.unknown";

    /// <summary>The XML text is not well-formed (or uses a DTD).</summary>
    public const string XmlSyntax = "xml.syntax";

    /// <summary>The XML does not conform to the IPPC hub schemas.</summary>
    public const string XmlSchema = "xml.schema";

    /// <summary>The XML has a value the hub schema allows but the model cannot hold (reported as an error).</summary>
    public const string XmlValue = "xml.value";

    /// <summary>A warning: an element Caravan does not model was skipped.</summary>
    public const string XmlIgnored = "xml.ignored";

    /// <summary>The document signature is missing or invalid.</summary>
    public const string Signature = "signature.invalid";

    public const string JsonInvalid = "json.invalid";
}
