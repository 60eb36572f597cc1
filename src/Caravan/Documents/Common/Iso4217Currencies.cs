using System.Collections.Frozen;

namespace Caravan.Documents.Common;

/// <summary>
/// ISO 4217 currency codes usable to price goods: the active national and regional currencies, plus the few
/// recently replaced codes still seen on invoices (ANG, SLL, ZWL). Funds, precious metals, bond units and the
/// testing codes (XTS, XXX) are left out on purpose.
/// </summary>
internal static class Iso4217Currencies
{
    private const string All =
        "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD " +
        "CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD " +
        "GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT " +
        "LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR " +
        "NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD " +
        "SSP STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VED VES VND VUV WST XAF " +
        "XCD XCG XDR XOF XPF YER ZAR ZMW ZWG ZWL";

    public static readonly FrozenSet<string> Codes =
        All.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string>.AlternateLookup<ReadOnlySpan<char>> Lookup =
        Codes.GetAlternateLookup<ReadOnlySpan<char>>();
}
