using Caravan.Documents.Common;

namespace Caravan.Customs.Tariff;

/// <summary>
/// One national tariff line for a period: the goods it covers (an HS 2022 code of 6 digits, or a national code of up
/// to 10 digits that extends one; the longest matching code applies), the MFN duty (ad valorem, specific per unit, or
/// both), the preferential duties by trade agreement and origin, VAT and excise. Rates are percentages; specific
/// amounts are in the national currency per unit of the line's unit.
/// </summary>
public sealed record TariffLine
{
    public required string Code { get; init; }

    public required DateOnly ValidFrom { get; init; }

    /// <summary>The last day the line applies; null when open-ended.</summary>
    public DateOnly? ValidTo { get; init; }

    public required DutyRate Mfn { get; init; }

    public IReadOnlyList<PreferentialRate> Preferences { get; init; } = [];

    /// <summary>VAT (or sales tax) in percent of the customs value plus duty and excise.</summary>
    public decimal VatPercent { get; init; }

    /// <summary>Excise, when the goods bear one.</summary>
    public DutyRate? Excise { get; init; }

    /// <summary>The line's 1-based number in the file it was loaded from (for error messages).</summary>
    public int SourceLine { get; init; }

    public bool Covers(DateOnly date) => date >= ValidFrom && (ValidTo is null || date <= ValidTo);
}

/// <summary>A rate: ad valorem percent, and/or a specific amount per unit (national currency).</summary>
public sealed record DutyRate(decimal AdValoremPercent, decimal? SpecificAmount = null, string? SpecificUnit = null)
{
    public static DutyRate Free { get; } = new(0m);

    public override string ToString() =>
        SpecificAmount is { } amount
            ? AdValoremPercent > 0 ? $"{AdValoremPercent}% + {amount} per {SpecificUnit}" : $"{amount} per {SpecificUnit}"
            : $"{AdValoremPercent}%";
}

/// <summary>A preferential duty under a trade agreement for goods originating in the listed countries.</summary>
public sealed record PreferentialRate(string Agreement, IReadOnlyList<CountryCode> Origins, DutyRate Rate)
{
    public bool Equals(PreferentialRate? other) => other is not null && Agreement == other.Agreement && Origins.SequenceEqual(other.Origins) && Rate == other.Rate;

    public override int GetHashCode() => HashCode.Combine(Agreement, Rate);
}
