namespace Caravan.Documents.Origin;

/// <summary>
/// The stable error codes reported for certificates of origin. Value codes (<c>country_code.*</c>,
/// <c>hs_code.*</c>, <c>currency_code.*</c>, <c>unit_code.*</c>, <c>un_locode.*</c>) come from the value types
/// when a JSON or XML document is read; the rest come from <see cref="CertificateOfOriginValidator"/> and the readers.
/// </summary>
public static class CertificateOfOriginErrorCodes
{
    public const string Required = "required";
    public const string TextTooLong = "text.too_long";
    public const string TextInvalidCharacters = "text.invalid_characters";
    public const string CodeFormat = "code.format";
    public const string ItemsEmpty = "items.empty";
    public const string ItemsTooMany = "items.too_many";
    public const string ItemNumberDuplicate = "item_number.duplicate";
    public const string ItemNumberRange = "item_number.range";
    public const string AddressTooManyLines = "address.too_many_lines";
    public const string NumberNotPositive = "number.not_positive";
    public const string NumberNegative = "number.negative";
    public const string PackagesKindFormat = "packages.kind_format";
    public const string RvcPercentageMissing = "origin_criterion.rvc_percentage_missing";
    public const string RvcPercentageRange = "origin_criterion.rvc_percentage_range";
    public const string RvcPercentageUnexpected = "origin_criterion.rvc_percentage_unexpected";
    public const string ExporterNotInIssuingCountry = "country.exporter_not_issuing";
    public const string AuthorityNotInIssuingCountry = "country.authority_not_issuing";
    public const string ImportingIsIssuing = "country.importing_is_issuing";
    public const string ConsigneeNotInImportingCountry = "country.consignee_not_importing";
    public const string DateOrder = "date.order";

    /// <summary>The JSON text is not well-formed, or a value has the wrong JSON type or an unknown property.</summary>
    public const string JsonInvalid = "json.invalid";
    public const string JsonType = "json.type";
    public const string JsonUnknownProperty = "json.unknown_property";

    /// <summary>The XML text is not well-formed (or uses a DTD).</summary>
    public const string XmlSyntax = "xml.syntax";

    /// <summary>The XML does not conform to <c>CertificateOfOrigin-1.xsd</c>.</summary>
    public const string XmlSchema = "xml.schema";
}
