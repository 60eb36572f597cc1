using Caravan.Documents.Common;

namespace Caravan.Customs.Duty;

/// <summary>An item to assess: its goods code, customs value, quantity, origin, and the preference the caller established, if any.</summary>
public sealed record DutyItem(int ItemNumber, string GoodsCode, Money CustomsValue, Quantity? Quantity, CountryCode Origin, PreferenceClaim? Preference = null);

/// <summary>A preference the caller has checked: a received, authentic, unexpired certificate of origin that covers the item.</summary>
public sealed record PreferenceClaim(string Agreement, CountryCode IssuingCountry, string CertificateNumber);

/// <summary>One component of an item's charges with its working: what it is, where the rate comes from, the rate, the base, the conversion, the amount.</summary>
public sealed record DutyComponent(string Kind, string RateSource, string Rate, string Base, string Conversion, decimal Amount);

public sealed record DutyItemAssessment(int ItemNumber, string TariffLine, Money CustomsValue, IReadOnlyList<DutyComponent> Components, Money Total);

/// <summary>The charges of a declaration on a date, per item, with the total and the rounding rule.</summary>
public sealed record DutyAssessment(DateOnly Date, string Currency, string TariffVersion, IReadOnlyList<DutyItemAssessment> Items, Money Total, string Rounding);

/// <summary>
/// De minimis thresholds in the national currency, set separately for duty and for tax (VAT): a consignment whose
/// intrinsic value is at most a threshold bears none of that charge. Null means no relief.
/// </summary>
public sealed record DeMinimis(decimal? DutyThreshold, decimal? TaxThreshold);
