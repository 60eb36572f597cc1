using System.Globalization;
using Caravan.Customs.Duty;
using Caravan.Customs.Risk;
using Caravan.Customs.Tariff;
using Caravan.Documents.Common;
using Caravan.Documents.Hs;

namespace Caravan.Customs.Parcels;

/// <summary>A tax registration for collection at sale as recorded on the node: the number, the liable party, the platform, and its validity.</summary>
public sealed record ParcelRegistration(string Number, string PartyId, string Platform, DateOnly ValidFrom, DateOnly? ValidTo)
{
    public bool Covers(string platform, DateOnly date) =>
        string.Equals(platform, Platform, StringComparison.Ordinal) && date >= ValidFrom && (ValidTo is null || date <= ValidTo);
}

/// <summary>Where a parcel's charge is collected: at sale (vendor), at the border (intermediary), on delivery (buyer), or nothing is due.</summary>
public enum CollectionPoint
{
    None,
    Sale,
    Border,
    Delivery,
}

/// <summary>
/// What the node decided about one parcel: its goods code (given or suggested, and why), the customs value in the
/// national currency, duty, excise and tax, the collection model that applies (a vendor registration that does not hold
/// falls back to collection on delivery, with the reason), who is liable, the risk decision with the rules that held,
/// and the declaration period (the month of sale).
/// </summary>
public sealed record ParcelAssessment(
    ParcelLine Parcel,
    string HsCode,
    string? HsSuggestion,
    decimal ValueNational,
    string? Conversion,
    decimal Duty,
    decimal Excise,
    decimal Tax,
    CollectionModel Collection,
    string? CollectionNote,
    string LiablePartyId,
    DateOnly SaleDate,
    string ValueBand,
    RiskDecision Risk,
    DutyItemAssessment Working)
{
    public decimal Charge => Duty + Excise + Tax;

    public CollectionPoint CollectAt => Charge == 0 ? CollectionPoint.None : Collection switch
    {
        CollectionModel.Vendor => CollectionPoint.Sale,
        CollectionModel.Intermediary => CollectionPoint.Border,
        _ => CollectionPoint.Delivery,
    };

    /// <summary>The declaration period the parcel belongs to: the month of sale, <c>yyyy-MM</c>.</summary>
    public string Period => PeriodOf(SaleDate);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<int, string> Periods = new();

    private static string PeriodOf(DateOnly day) => Periods.GetOrAdd((day.Year * 12) + day.Month, _ => day.ToString("yyyy-MM", CultureInfo.InvariantCulture));
}

/// <summary>
/// Assesses parcels under one node's rules, all loaded once per batch: the tariff and exchange rates (duty and tax
/// through <see cref="DutyCalculator"/> with the de minimis relief of <see cref="ParcelSettings"/>), the tax
/// registrations for collection at sale, and the active risk rules. Thread-safe; it holds no per-parcel state.
/// </summary>
public sealed class ParcelAssessor
{
    private readonly string _destination;
    private readonly ParcelSettings _settings;
    private readonly DutyCalculator _calculator;
    private readonly TariffSchedule _tariff;
    private readonly RiskEngine? _risk;
    private readonly IReadOnlyDictionary<string, ParcelRegistration> _registrations;
    private readonly Func<string, HsSuggestionResult?> _suggest;
    private readonly DateOnly _today;
    private readonly IReadOnlyList<string> _bandLabels;

    /// <summary>A code suggested from a description, with why.</summary>
    public sealed record HsSuggestionResult(string Code, string Basis);

    public ParcelAssessor(string destinationCountry, CurrencyCode nationalCurrency, ParcelSettings settings, int tariffVersion, TariffSchedule tariff, ExchangeRates rates,
        RiskEngine? risk, IReadOnlyDictionary<string, ParcelRegistration> registrations, Func<string, HsSuggestionResult?> suggest, DateOnly today)
    {
        _destination = destinationCountry;
        _settings = settings;
        _tariff = tariff;
        _risk = risk;
        _registrations = registrations;
        _suggest = suggest;
        _today = today;
        _bandLabels = settings.BandLabels();
        NationalCurrency = nationalCurrency;
        TariffVersion = tariffVersion;
        _calculator = new DutyCalculator(nationalCurrency, tariff, rates, $"{destinationCountry}-{tariffVersion}");
    }

    public CurrencyCode NationalCurrency { get; }

    /// <summary>The settings the parcels are assessed under (kept with each batch, so a parcel's working can be shown later).</summary>
    public ParcelSettings Settings => _settings;

    public int TariffVersion { get; }

    public int? RulesVersion => _risk?.Version;

    /// <summary>Whether risk hits carry the facts they looked at; off for bulk intake, where only the rule ids are kept.</summary>
    public bool Explain { get; init; } = true;

    /// <summary>Assesses one parcel for the submitting party; a parcel that cannot be assessed gives the line's errors.</summary>
    public (ParcelAssessment? Assessment, ParcelLineError? Error) Assess(ParcelLine parcel, string submitterPartyId)
    {
        ArgumentNullException.ThrowIfNull(parcel);
        var saleDate = parcel.SaleDate ?? _today;
        if (saleDate > _today.AddDays(1))
        {
            return (null, Error(parcel, "saleDate", "date.future", $"The date of sale {saleDate:yyyy-MM-dd} is in the future."));
        }
        if (saleDate < _today.AddDays(-_settings.MaxSaleAgeDays))
        {
            return (null, Error(parcel, "saleDate", "date.too_old", $"The date of sale {saleDate:yyyy-MM-dd} is more than {_settings.MaxSaleAgeDays} days ago; declare the goods as a consignment."));
        }
        var hs = parcel.HsCode;
        string? suggestion = null;
        if (hs is null)
        {
            if (_suggest(parcel.Description) is not { } suggested)
            {
                return (null, Error(parcel, "hsCode", "hs_code.unknown", "No HS code was given and none can be suggested from the description; send the code."));
            }
            hs = suggested.Code;
            suggestion = suggested.Basis;
        }
        // A specific rate per kilogram applies to the parcel's weight; any other unit to its quantity (pieces).
        var perKilogram = _tariff.Find(hs, _today) is { } line && (line.Mfn.SpecificUnit == "KGM" || line.Excise?.SpecificUnit == "KGM");
        var quantity = perKilogram ? Quantity.Create(parcel.WeightKg, "KGM").Value : Quantity.Create(parcel.Quantity, "C62").Value;
        var assessed = _calculator.Calculate(
            [new DutyItem(1, hs, new Money(parcel.Value, parcel.Currency), quantity, parcel.Origin)], _today, _settings.Relief);
        if (!assessed.IsSuccess)
        {
            var first = assessed.Failure!.Errors?.FirstOrDefault();
            return (null, Error(parcel, first?.Path.EndsWith("customsValue", StringComparison.Ordinal) == true ? "currency" : "hsCode",
                first?.Code ?? assessed.Failure.Code, first?.Message ?? assessed.Failure.Message));
        }
        var item = assessed.Value.Items[0];
        decimal duty = 0, excise = 0, tax = 0;
        string? conversion = null;
        foreach (var component in item.Components)
        {
            switch (component.Kind)
            {
                case "duty": duty = component.Amount; break;
                case "excise": excise = component.Amount; break;
                default: tax = component.Amount; break;
            }
            conversion ??= component.Conversion;
        }
        var collection = parcel.Collection;
        string? note = null;
        var liable = submitterPartyId;
        if (collection == CollectionModel.Vendor)
        {
            if (parcel.Registration is { } number && _registrations.TryGetValue(number, out var registration) && registration.Covers(parcel.Platform, saleDate))
            {
                liable = registration.PartyId;
            }
            else
            {
                collection = CollectionModel.Consumer;
                note = $"Registration {parcel.Registration} is not registered here for platform {parcel.Platform} on {saleDate:yyyy-MM-dd}: the charge is collected on delivery.";
            }
        }
        var value = item.CustomsValue.Amount;
        var risk = _risk is null
            ? new RiskDecision(RiskChannel.Green, 0, [], false, 0)
            : _risk.Evaluate(FactsOf(parcel, hs, value, collection, suggestion is not null, note is null && parcel.Collection == CollectionModel.Vendor), $"{parcel.Platform}/{parcel.TrackingId}", Explain);
        return (new ParcelAssessment(parcel, hs, suggestion, value, conversion, duty, excise, tax, collection, note, liable, saleDate, _settings.BandOf(value, _bandLabels), risk, item), null);
    }

    /// <summary>The risk facts of a parcel (the same fields as a declaration item, plus the platform and the lane).</summary>
    public RiskFacts FactsOf(ParcelLine parcel, string hs, decimal valueNational, CollectionModel collection, bool hsSuggested, bool registered)
    {
        ArgumentNullException.ThrowIfNull(parcel);
        return new RiskFacts()
            .Set("hs", hs)
            .Set("origin", parcel.Origin.Value)
            .Set("destination", _destination)
            .Set("procedure", "import")
            .Set("value", valueNational)
            .Set("weight_kg", parcel.WeightKg)
            .Set("value_per_kg", Math.Round(valueNational / parcel.WeightKg, 4))
            .Set("quantity", parcel.Quantity)
            .Set("description", parcel.Description)
            .Set("trader", parcel.Seller)
            .Set("platform", parcel.Platform)
            .Set("channel", "ecommerce")
            .Set("collection", collection.ToName())
            .Set("hs_suggested", hsSuggested)
            .Set("registered", registered);
    }

    private static ParcelLineError Error(ParcelLine parcel, string field, string code, string message) => new(parcel.Line, parcel.TrackingId, field, code, message);
}
