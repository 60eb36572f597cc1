using Caravan.Documents.Common;
using static Caravan.Documents.Declarations.DeclarationErrorCodes;

namespace Caravan.Documents.Declarations;

/// <summary>
/// The rules a declaration must meet to be lodged (a draft may break them). It returns every problem with its JSON
/// path (<c>items[2].hsCode</c>) and a stable code; an empty list means the declaration can be submitted. What a
/// given node additionally requires (that an export leaves from its own country) is checked where the node is known.
/// </summary>
public static class DeclarationValidator
{
    public const int MaxItems = 999;

    /// <summary>The declaration types the single window lodges (WCO DM D013, first two letters).</summary>
    public static readonly IReadOnlySet<string> SupportedTypes = new HashSet<string>(StringComparer.Ordinal) { "EX", "IM", "TR" };

    public static IReadOnlyList<DocumentError> Validate(CustomsDeclaration declaration)
    {
        ArgumentNullException.ThrowIfNull(declaration);
        var errors = new List<DocumentError>();
        Text(errors, "functionalReference", declaration.FunctionalReference, 35, required: true);
        if (string.IsNullOrEmpty(declaration.TypeCode))
        {
            errors.Add(new("typeCode", Required, "typeCode is required: EX (export), IM (import) or TR (transit)."));
        }
        else if (!SupportedTypes.Contains(declaration.TypeCode))
        {
            errors.Add(new("typeCode", TypeCodeUnsupported, $"Declarations of type {declaration.TypeCode} are not lodged here; use EX, IM or TR."));
        }
        var isExport = declaration.TypeCode == "EX";
        var isImport = declaration.TypeCode == "IM";
        if (isExport || declaration.TypeCode == "TR")
        {
            Party(errors, "exporter", declaration.Exporter, required: true);
            Party(errors, "consignee", declaration.Consignee, required: true);
        }
        if (isImport)
        {
            if (declaration.Importer is null && declaration.Consignee is null)
            {
                errors.Add(new("importer", Required, "An import declaration names the importer (or the consignee)."));
            }
            Party(errors, "importer", declaration.Importer, required: false);
            Party(errors, "exporter", declaration.Exporter, required: false);
        }
        Party(errors, "declarant", declaration.Declarant, required: false);
        Party(errors, "agent", declaration.Agent, required: false);
        Text(errors, "agentStatusCode", declaration.AgentStatusCode, 3, required: false);
        if (declaration.ExportCountry is null)
        {
            errors.Add(new("exportCountry", Required, "exportCountry (country of dispatch or export) is required."));
        }
        if (declaration.DestinationCountry is null)
        {
            errors.Add(new("destinationCountry", Required, "destinationCountry is required."));
        }
        else if (!isImport && declaration.ExportCountry == declaration.DestinationCountry)
        {
            // An import may be dispatched from its own country (goods returned, released from a warehouse); an
            // export or a transit leaves it.
            errors.Add(new("destinationCountry", CountriesSame, "The destination differs from the export country."));
        }
        if (declaration.Transport is { ModeCode: { } mode } && mode is < 0 or > 9)
        {
            errors.Add(new("transport.modeCode", TransportModeUnknown, "modeCode is a UNECE Recommendation 19 code, 0 to 9."));
        }
        if (isExport && declaration.Transport?.ModeCode is null)
        {
            errors.Add(new("transport.modeCode", Required, "An export declaration gives the mode of transport at the border."));
        }
        Documents(errors, "documents", declaration.Documents);

        if (declaration.Items.Count == 0)
        {
            errors.Add(new("items", Required, "A declaration has at least one goods item."));
        }
        else if (declaration.Items.Count > MaxItems)
        {
            errors.Add(new("items", ItemsTooMany, $"At most {MaxItems} goods items."));
        }
        var numbers = new HashSet<int>();
        for (var i = 0; i < declaration.Items.Count; i++)
        {
            var item = declaration.Items[i];
            var p = $"items[{i}]";
            if (item.SequenceNumber is not { } number || number < 1)
            {
                errors.Add(new(p + ".sequenceNumber", Required, "Each item has a positive sequenceNumber."));
            }
            else if (!numbers.Add(number))
            {
                errors.Add(new(p + ".sequenceNumber", SequenceNumberDuplicate, $"Item number {number} appears twice."));
            }
            Text(errors, p + ".description", item.Description, 512, required: true);
            if (item.HsCode is null)
            {
                errors.Add(new(p + ".hsCode", Required, item.CommodityCode is { } code
                    ? $"The commodity code {code} does not start with an HS 2022 subheading."
                    : "hsCode (a 6-digit HS 2022 subheading) is required."));
            }
            if (item.CommodityCode is { } commodity && (commodity.Length is < 6 or > 10 || !commodity.AsSpan().ContainsOnlyAsciiDigits()))
            {
                errors.Add(new(p + ".commodityCode", CommodityCodeFormat, "A commodity code is 6 to 10 digits."));
            }
            else if (item.CommodityCode is { } full && item.HsCode is { } hs && !full.StartsWith(hs.Value, StringComparison.Ordinal))
            {
                errors.Add(new(p + ".commodityCode", CommodityCodeMismatch, $"The commodity code {full} does not extend the HS code {hs}."));
            }
            if (item.Quantity is null)
            {
                errors.Add(new(p + ".quantity", Required, "Each item gives its quantity (supplementary unit, or net mass in KGM)."));
            }
            else if (item.Quantity.Value.Value <= 0)
            {
                errors.Add(new(p + ".quantity", QuantityNotPositive, "The quantity is positive."));
            }
            if (item.GrossMassKg is < 0 || item.NetMassKg is < 0)
            {
                errors.Add(new(p + ".grossMassKg", MassNegative, "Masses are not negative."));
            }
            if (item.GrossMassKg is { } gross && item.NetMassKg is { } net && net > gross)
            {
                errors.Add(new(p + ".netMassKg", MassNetAboveGross, "The net mass is not above the gross mass."));
            }
            if (item.Value is null)
            {
                errors.Add(new(p + ".value", Required, "Each item gives its value with the currency."));
            }
            else if (item.Value.Value.Amount < 0)
            {
                errors.Add(new(p + ".value", ValueNegative, "The value is not negative."));
            }
            if (item.OriginCountry is null)
            {
                errors.Add(new(p + ".originCountry", Required, "Each item gives its country of origin."));
            }
            if (item.PackageCount is < 0)
            {
                errors.Add(new(p + ".packageCount", PackagesNegative, "The number of packages is not negative."));
            }
            Documents(errors, p + ".documents", item.Documents);
        }
        return errors;
    }

    private static void Party(List<DocumentError> errors, string path, DeclarationParty? party, bool required)
    {
        if (party is null)
        {
            if (required)
            {
                errors.Add(new(path, Required, $"{path} is required (name, or identification number)."));
            }
            return;
        }
        if (string.IsNullOrWhiteSpace(party.Name) && string.IsNullOrWhiteSpace(party.Id))
        {
            errors.Add(new(path + ".name", Required, $"{path} needs a name or an identification number."));
        }
        Text(errors, path + ".name", party.Name, 512, required: false);
        Text(errors, path + ".id", party.Id, 35, required: false);
    }

    private static void Documents(List<DocumentError> errors, string path, IReadOnlyList<DeclarationDocument> documents)
    {
        for (var i = 0; i < documents.Count; i++)
        {
            var d = documents[i];
            if (d.Kind is not ("previous" or "additional"))
            {
                errors.Add(new($"{path}[{i}].kind", DocumentKindUnknown, "kind is 'previous' or 'additional'."));
            }
            Text(errors, $"{path}[{i}].typeCode", d.TypeCode, 8, required: true);
            if (string.IsNullOrWhiteSpace(d.Id) && string.IsNullOrWhiteSpace(d.Name))
            {
                errors.Add(new($"{path}[{i}].id", Required, "A document gives its number, or (a statement or waiver without one) its name."));
            }
            Text(errors, $"{path}[{i}].id", d.Id, 70, required: false);
            Text(errors, $"{path}[{i}].name", d.Name, 512, required: false);
        }
    }

    private static void Text(List<DocumentError> errors, string path, string? value, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(new(path, Required, $"{path} is required."));
            }
            return;
        }
        if (value.Length > max)
        {
            errors.Add(new(path, TooLong, $"{path} is at most {max} characters."));
        }
    }
}
