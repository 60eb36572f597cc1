using Caravan.Documents.Common;

namespace Caravan.Documents.Acdd;

/// <summary>
/// The rules an ACDD must meet to be sent or accepted: every one of the fifteen elements that the export declaration
/// must carry is present (the agent only when one declared), items are numbered uniquely, and texts are bounded. It
/// returns every problem with its path; an empty list means the ACDD is complete.
/// </summary>
public static class AcddValidator
{
    public const int MaxItems = 999;

    public static IReadOnlyList<DocumentError> Validate(AdvanceCustomsDeclaration acdd)
    {
        ArgumentNullException.ThrowIfNull(acdd);
        var errors = new List<DocumentError>();
        Require(errors, "exportCountry", acdd.ExportCountry);
        Require(errors, "importCountry", acdd.ImportCountry);
        if (acdd.ExportCountry is { } from && acdd.ImportCountry == from)
        {
            errors.Add(new("importCountry", "countries.same", "The importing country differs from the exporting one."));
        }
        Text(errors, "exportDeclarationNumber", acdd.ExportDeclarationNumber, 70, required: true);
        if (Require(errors, "exporter", acdd.Exporter))
        {
            Text(errors, "exporter.id", acdd.Exporter!.Id, 35, required: true);
            Text(errors, "exporter.name", acdd.Exporter.Name, 512, required: true);
        }
        if (Require(errors, "consignee", acdd.Consignee))
        {
            Text(errors, "consignee.name", acdd.Consignee!.Name, 512, required: true);
            if (acdd.Consignee.Address.Count == 0)
            {
                errors.Add(new("consignee.address", "required", "The consignee's address (ACDD element 4) is required."));
            }
        }
        if (acdd.Agent is { } agent)
        {
            Text(errors, "agent.id", agent.Id, 35, required: true);
            Text(errors, "agent.name", agent.Name, 512, required: true);
        }
        Require(errors, "departureDate", acdd.DepartureDate);
        if (Require(errors, "transportMode", acdd.TransportMode) && acdd.TransportMode is < 0 or > 9)
        {
            errors.Add(new("transportMode", "transport_mode.unknown", "The transport mode is a UNECE Recommendation 19 code, 0 to 9."));
        }
        Require(errors, "portOfDischarge", acdd.PortOfDischarge);
        if (acdd.Items.Count == 0)
        {
            errors.Add(new("items", "required", "An ACDD has at least one goods item."));
        }
        else if (acdd.Items.Count > MaxItems)
        {
            errors.Add(new("items", "items.too_many", $"At most {MaxItems} goods items."));
        }
        var seen = new HashSet<int>();
        for (var i = 0; i < acdd.Items.Count; i++)
        {
            var item = acdd.Items[i];
            var p = $"items[{i}]";
            if (Require(errors, p + ".itemNumber", item.ItemNumber) && !seen.Add(item.ItemNumber!.Value))
            {
                errors.Add(new(p + ".itemNumber", "item_number.duplicate", $"Item number {item.ItemNumber} appears twice."));
            }
            Require(errors, p + ".hsCode", item.HsCode);
            if (Require(errors, p + ".quantity", item.Quantity) && item.Quantity!.Value.Value <= 0)
            {
                errors.Add(new(p + ".quantity", "quantity.not_positive", "The quantity is positive."));
            }
            Require(errors, p + ".originCountry", item.OriginCountry);
            Text(errors, p + ".description", item.Description, 512, required: false);
        }
        return errors;
    }

    private static bool Require<T>(List<DocumentError> errors, string path, T? value)
    {
        if (value is null)
        {
            errors.Add(new(path, "required", $"{path} is required."));
            return false;
        }
        return true;
    }

    private static void Text(List<DocumentError> errors, string path, string? value, int max, bool required)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required)
            {
                errors.Add(new(path, "required", $"{path} is required."));
            }
            return;
        }
        if (value.Length > max)
        {
            errors.Add(new(path, "too_long", $"{path} is at most {max} characters."));
        }
    }
}
