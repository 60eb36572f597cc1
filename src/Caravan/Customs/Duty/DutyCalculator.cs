using System.Globalization;
using Caravan.Common;
using Caravan.Customs.Tariff;
using Caravan.Documents.Common;

namespace Caravan.Customs.Duty;

/// <summary>
/// Computes import duty, excise and VAT per item, showing its working. The customs value is converted into the
/// national currency at the rate for the date (the latest published on or before it); duty is the MFN rate of the
/// tariff line, or the preferential rate of an agreement when the caller has established that a valid certificate of
/// origin covers the item (<see cref="DutyItem.Preference"/>) and the item's origin is one the agreement lists;
/// excise applies on the customs value (and per unit when specific); VAT applies to the customs value plus duty and
/// excise. Each component is rounded half away from zero to the currency's minor unit (2 decimals); totals add the
/// rounded components. Every amount is zero or more. With <see cref="DeMinimis"/> thresholds, a consignment whose
/// intrinsic value (the sum of its items' values in the national currency) is at most the duty threshold bears no duty,
/// and at most the tax threshold no VAT; goods under excise get no relief.
/// </summary>
public sealed class DutyCalculator(CurrencyCode nationalCurrency, TariffSchedule tariff, ExchangeRates rates, string tariffVersion)
{
    public Result<DutyAssessment> Calculate(IReadOnlyList<DutyItem> items, DateOnly date, DeMinimis? relief = null)
    {
        ArgumentNullException.ThrowIfNull(items);
        var errors = new List<FieldError>();
        var results = new List<DutyItemAssessment>(items.Count);
        var intrinsic = relief is null ? 0m : IntrinsicValue(items, date);
        var dutyRelief = relief?.DutyThreshold is { } dutyThreshold && intrinsic <= dutyThreshold
            ? $"de minimis: intrinsic value {Text(intrinsic)} {nationalCurrency.Value} is at most {Text(dutyThreshold)}, no duty"
            : null;
        var taxRelief = relief?.TaxThreshold is { } taxThreshold && intrinsic <= taxThreshold
            ? $"de minimis: intrinsic value {Text(intrinsic)} {nationalCurrency.Value} is at most {Text(taxThreshold)}, no VAT"
            : null;
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i];
            var path = $"items[{i}]";
            var line = tariff.Find(item.GoodsCode, date);
            if (line is null)
            {
                errors.Add(new FieldError(path + ".goodsCode", "tariff.no_line", $"No tariff line covers {item.GoodsCode} on {date:yyyy-MM-dd}."));
                continue;
            }
            if (item.CustomsValue.Amount < 0)
            {
                errors.Add(new FieldError(path + ".customsValue", "value.negative", "The customs value is not negative."));
                continue;
            }
            decimal factor = 1m;
            string conversion = "no conversion (national currency)";
            if (item.CustomsValue.Currency != nationalCurrency)
            {
                if (rates.Find(item.CustomsValue.Currency, date) is not { } rate)
                {
                    errors.Add(new FieldError(path + ".customsValue", "exchange_rate.missing", $"No {item.CustomsValue.Currency.Value} rate is published for {date:yyyy-MM-dd} or before."));
                    continue;
                }
                factor = rate.NationalPerUnit;
                conversion = $"{item.CustomsValue} × {rate.NationalPerUnit.ToString(CultureInfo.InvariantCulture)} {nationalCurrency.Value}/{rate.Currency.Value} (rate of {rate.Date:yyyy-MM-dd})";
            }
            var baseValue = Math.Round(item.CustomsValue.Amount * factor, 4, MidpointRounding.AwayFromZero);
            var components = new List<DutyComponent>();

            var preference = item.Preference is { } claim
                ? line.Preferences.FirstOrDefault(p => p.Agreement == claim.Agreement && p.Origins.Contains(item.Origin))
                : null;
            if (item.Preference is { } wanted && preference is null)
            {
                errors.Add(new FieldError(path + ".preference", "preference.not_in_tariff",
                    $"Line {line.Code} grants no {wanted.Agreement} preference for goods originating in {item.Origin.Value}."));
                continue;
            }
            var dutyRate = preference?.Rate ?? line.Mfn;
            var dutySource = preference is null
                ? $"MFN, tariff {tariffVersion} line {line.Code} ({line.ValidFrom:yyyy-MM-dd}..{(line.ValidTo is { } t ? t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "")})"
                : $"{preference.Agreement} preference for origin {item.Origin.Value} under certificate {item.Preference!.IssuingCountry.Value} {item.Preference.CertificateNumber}, tariff {tariffVersion} line {line.Code}";
            // Goods under excise get no de minimis relief (as in most customs unions).
            var relieved = dutyRelief is not null && line.Excise is null;
            var duty = relieved
                ? new DutyComponent("duty", dutySource, dutyRate.ToString(), dutyRelief!, conversion, 0m)
                : Component("duty", dutyRate, dutySource, baseValue, item, path, conversion, errors);
            if (duty is null)
            {
                continue;
            }
            components.Add(duty);
            if (line.Excise is { } exciseRate)
            {
                var excise = Component("excise", exciseRate, $"excise, tariff {tariffVersion} line {line.Code}", baseValue, item, path, conversion, errors);
                if (excise is null)
                {
                    continue;
                }
                components.Add(excise);
            }
            var vatBase = baseValue + components.Sum(c => c.Amount);
            components.Add(taxRelief is not null && line.Excise is null
                ? new DutyComponent("vat", $"VAT, tariff {tariffVersion} line {line.Code}", $"{line.VatPercent.ToString(CultureInfo.InvariantCulture)}%", taxRelief, conversion, 0m)
                : new DutyComponent("vat", $"VAT, tariff {tariffVersion} line {line.Code}", $"{line.VatPercent.ToString(CultureInfo.InvariantCulture)}%",
                    $"customs value {Text(baseValue)} + duty and excise {Text(components.Sum(c => c.Amount))} = {Text(vatBase)} {nationalCurrency.Value}",
                    conversion, RoundMoney(vatBase * line.VatPercent / 100m)));
            results.Add(new DutyItemAssessment(item.ItemNumber, line.Code, Money.Create(RoundMoney(baseValue), nationalCurrency.Value).Value, components,
                Money.Create(components.Sum(c => c.Amount), nationalCurrency.Value).Value));
        }
        if (errors.Count > 0)
        {
            return Failure.Validation("duty.not_computable", "The duty cannot be computed for every item.", errors);
        }
        var total = results.Sum(r => r.Total.Amount);
        return new DutyAssessment(date, nationalCurrency.Value, tariffVersion, results, Money.Create(total, nationalCurrency.Value).Value,
            "Each component is rounded half away from zero to 2 decimals; totals add the rounded components.");
    }

    // The consignment's intrinsic value in the national currency (items whose value cannot be converted count as 0;
    // their error is reported by the main pass, so no assessment is returned anyway).
    private decimal IntrinsicValue(IReadOnlyList<DutyItem> items, DateOnly date)
    {
        var total = 0m;
        foreach (var item in items)
        {
            if (item.CustomsValue.Currency == nationalCurrency)
            {
                total += item.CustomsValue.Amount;
            }
            else if (rates.Find(item.CustomsValue.Currency, date) is { } rate)
            {
                total += Math.Round(item.CustomsValue.Amount * rate.NationalPerUnit, 4, MidpointRounding.AwayFromZero);
            }
        }
        return total;
    }

    private DutyComponent? Component(string kind, DutyRate rate, string source, decimal baseValue, DutyItem item, string path, string conversion, List<FieldError> errors)
    {
        var adValorem = baseValue * rate.AdValoremPercent / 100m;
        var specific = 0m;
        var basis = $"customs value {Text(baseValue)} {nationalCurrency.Value}";
        if (rate.SpecificAmount is { } perUnit)
        {
            if (item.Quantity is not { } quantity || quantity.Unit != rate.SpecificUnit)
            {
                errors.Add(new FieldError(path + ".quantity", "quantity.unit_required",
                    $"The {kind} of {item.GoodsCode} is {rate}: the quantity in {rate.SpecificUnit} is needed."));
                return null;
            }
            specific = quantity.Value * perUnit;
            basis += $"; quantity {quantity}";
        }
        return new DutyComponent(kind, source, rate.ToString(), basis, conversion, RoundMoney(adValorem + specific));
    }

    /// <summary>Half away from zero, to 2 decimals (the documented rounding of every component).</summary>
    public static decimal RoundMoney(decimal amount) => Math.Max(0m, Math.Round(amount, 2, MidpointRounding.AwayFromZero));

    private static string Text(decimal value) => value.ToString("0.####", CultureInfo.InvariantCulture);
}
