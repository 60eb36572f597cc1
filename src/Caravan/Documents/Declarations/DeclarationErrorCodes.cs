namespace Caravan.Documents.Declarations;

/// <summary>
/// The stable error codes reported for goods declarations. Value codes (<c>country_code.*</c>, <c>hs_code.*</c>,
/// <c>currency_code.*</c>, <c>unit_code.*</c>, <c>un_locode.*</c>) come from the value types when a document is read;
/// the rest come from <see cref="DeclarationValidator"/>, <see cref="DeclarationJson"/> and <see cref="WcoDms"/>.
/// </summary>
public static class DeclarationErrorCodes
{
    public const string Required = "required";
    public const string TooLong = "too_long";
    public const string TypeCodeUnsupported = "type_code.unsupported";
    public const string CountriesSame = "countries.same";
    public const string TransportModeUnknown = "transport_mode.unknown";
    public const string ItemsTooMany = "items.too_many";
    public const string SequenceNumberDuplicate = "sequence_number.duplicate";
    public const string CommodityCodeFormat = "commodity_code.format";
    public const string CommodityCodeMismatch = "commodity_code.mismatch";
    public const string QuantityNotPositive = "quantity.not_positive";
    public const string MassNegative = "mass.negative";
    public const string MassNetAboveGross = "mass.net_above_gross";
    public const string ValueNegative = "value.negative";
    public const string PackagesNegative = "packages.negative";
    public const string DocumentKindUnknown = "document_kind.unknown";

    /// <summary>The JSON is malformed or does not fit the model (an unknown member, a wrong type).</summary>
    public const string JsonInvalid = "json.invalid";

    /// <summary>The XML is not well-formed (or declares a DTD); reported with its line and position.</summary>
    public const string XmlSyntax = "xml.syntax";

    /// <summary>The XML breaks WCO_DEC_2_DMS.xsd; reported with its line and position.</summary>
    public const string XmlSchema = "xml.schema";

    /// <summary>A schema warning (e.g. an element the schema set cannot judge); treated as an error.</summary>
    public const string XmlSchemaWarning = "xml.schema_warning";

    /// <summary>A schema-valid document holds no <c>Declaration</c> (a metadata wrapper around something else).</summary>
    public const string XmlNoDeclaration = "xml.no_declaration";

    /// <summary>Warning: a monetary amount in the XML has no valid ISO 4217 currency, so the model leaves it out.</summary>
    public const string MoneyInvalid = "money.invalid";
}
