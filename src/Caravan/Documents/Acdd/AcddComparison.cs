using System.Globalization;
using System.Text;

namespace Caravan.Documents.Acdd;

/// <summary>
/// Compares the advance data the exporting customs sent with the same elements taken from the import declaration,
/// for the importing officer's risk assessment: parties (exporter, consignee / importer), and per item the HS code,
/// quantity, value and origin. Items are paired by item number, else by HS code. Names are compared ignoring case,
/// punctuation and spacing; quantities must agree within <see cref="QuantityTolerance"/> and values within
/// <see cref="ValueTolerance"/> (same unit, same currency; a different unit or currency is itself reported).
/// </summary>
public static class AcddComparison
{
    /// <summary>Relative difference of quantities that still counts as agreement (1%: weighing and rounding).</summary>
    public const decimal QuantityTolerance = 0.01m;

    /// <summary>Relative difference of values that still counts as agreement (2%: rounding, charges).</summary>
    public const decimal ValueTolerance = 0.02m;

    public static IReadOnlyList<AcddMismatch> Compare(AdvanceCustomsDeclaration announced, AdvanceCustomsDeclaration declared)
    {
        ArgumentNullException.ThrowIfNull(announced);
        ArgumentNullException.ThrowIfNull(declared);
        var mismatches = new List<AcddMismatch>();
        Party(mismatches, "exporter", announced.Exporter, declared.Exporter);
        Party(mismatches, "consignee", announced.Consignee, declared.Consignee);

        var unmatched = declared.Items.ToList();
        foreach (var item in announced.Items)
        {
            var counterpart = unmatched.FirstOrDefault(d => d.ItemNumber == item.ItemNumber && d.HsCode == item.HsCode)
                ?? unmatched.FirstOrDefault(d => d.HsCode == item.HsCode)
                ?? unmatched.FirstOrDefault(d => d.ItemNumber == item.ItemNumber);
            if (counterpart is null)
            {
                mismatches.Add(new("items", item.ItemNumber, Describe(item), null, "Announced by the exporting customs but not declared on import."));
                continue;
            }
            unmatched.Remove(counterpart);
            if (counterpart.HsCode != item.HsCode)
            {
                mismatches.Add(new("items.hsCode", item.ItemNumber, item.HsCode?.Value, counterpart.HsCode?.Value,
                    item.HsCode?.Heading == counterpart.HsCode?.Heading ? "Same heading, different subheading." : "Different HS heading: the goods may be misclassified."));
            }
            if (item.Quantity is { } q && counterpart.Quantity is { } dq)
            {
                if (q.Unit != dq.Unit)
                {
                    mismatches.Add(new("items.quantity", item.ItemNumber, Text(q.Value, q.Unit), Text(dq.Value, dq.Unit), "Quantities are in different units."));
                }
                else if (Differs(q.Value, dq.Value, QuantityTolerance))
                {
                    mismatches.Add(new("items.quantity", item.ItemNumber, Text(q.Value, q.Unit), Text(dq.Value, dq.Unit),
                        dq.Value < q.Value ? "Less declared on import than exported." : "More declared on import than exported."));
                }
            }
            if (item.Value is { } v && counterpart.Value is { } dv)
            {
                if (v.Currency != dv.Currency)
                {
                    mismatches.Add(new("items.value", item.ItemNumber, Text(v.Amount, v.Currency.Value), Text(dv.Amount, dv.Currency.Value), "Values are in different currencies; compare at the day's rate."));
                }
                else if (Differs(v.Amount, dv.Amount, ValueTolerance))
                {
                    mismatches.Add(new("items.value", item.ItemNumber, Text(v.Amount, v.Currency.Value), Text(dv.Amount, dv.Currency.Value),
                        dv.Amount < v.Amount ? "Declared value lower than the export value: possible undervaluation." : "Declared value higher than the export value."));
                }
            }
            if (item.OriginCountry is { } origin && counterpart.OriginCountry is { } declaredOrigin && origin != declaredOrigin)
            {
                mismatches.Add(new("items.originCountry", item.ItemNumber, origin.Value, declaredOrigin.Value, "Different country of origin: check any preference claimed."));
            }
        }
        foreach (var extra in unmatched)
        {
            mismatches.Add(new("items", extra.ItemNumber, null, Describe(extra), "Declared on import but not announced by the exporting customs."));
        }
        return mismatches;
    }

    private static void Party(List<AcddMismatch> mismatches, string field, AcddParty? announced, AcddParty? declared)
    {
        if (announced is null || declared is null)
        {
            if (announced is not null || declared is not null)
            {
                mismatches.Add(new(field, null, announced?.Name, declared?.Name, "One side does not name this party."));
            }
            return;
        }
        if (Normalise(announced.Name) != Normalise(declared.Name))
        {
            mismatches.Add(new(field + ".name", null, announced.Name, declared.Name, "The party's name differs."));
        }
        if (!string.IsNullOrWhiteSpace(announced.Id) && !string.IsNullOrWhiteSpace(declared.Id) && Normalise(announced.Id) != Normalise(declared.Id))
        {
            mismatches.Add(new(field + ".id", null, announced.Id, declared.Id, "The party's identification number differs."));
        }
    }

    private static bool Differs(decimal announced, decimal declared, decimal tolerance) =>
        announced == 0 ? declared != 0 : Math.Abs(declared - announced) / Math.Abs(announced) > tolerance;

    /// <summary>Letters and digits only, upper case: "Almaty Fresh Market, LLP" equals "ALMATY FRESH MARKET LLP".</summary>
    private static string Normalise(string? text)
    {
        var builder = new StringBuilder();
        foreach (var c in text ?? "")
        {
            if (char.IsLetterOrDigit(c))
            {
                builder.Append(char.ToUpperInvariant(c));
            }
        }
        return builder.ToString();
    }

    private static string Text(decimal value, string unit) => $"{value.ToString(CultureInfo.InvariantCulture)} {unit}";

    private static string Describe(AcddItem item) =>
        $"item {item.ItemNumber}: HS {item.HsCode?.Value}, {(item.Quantity is { } q ? Text(q.Value, q.Unit) : "no quantity")}";
}
