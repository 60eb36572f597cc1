using System.Globalization;
using Caravan.Documents.Common;

namespace Caravan.Customs.Tariff;

/// <summary>
/// Reads a national tariff from its CSV file (one line per code and period):
/// <c>code,valid_from,valid_to,mfn,vat_percent,excise,preferences</c>. A rate is <c>10</c> (percent),
/// <c>0.5/KGM</c> (specific, national currency per unit) or <c>10+0.5/KGM</c>; preferences are
/// <c>AGREEMENT:ORIGIN|ORIGIN=RATE</c> joined by <c>;</c>. Every line is checked (code is an HS 2022 chapter or heading, or extends a subheading,
/// dates, rates), and for each code the periods must follow each other without a gap or an overlap; every problem is
/// reported with its line number, and a file with any problem is refused whole.
/// </summary>
public static class TariffFile
{
    public const string Header = "code,valid_from,valid_to,mfn,vat_percent,excise,preferences";

    public static DocumentResult<TariffSchedule> Parse(string csv)
    {
        ArgumentNullException.ThrowIfNull(csv);
        var errors = new List<DocumentError>();
        var lines = new List<TariffLine>();
        var rows = csv.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        if (rows.Length == 0 || rows[0].Trim() != Header)
        {
            return new(null, [new DocumentError("header", "tariff.header", $"The first line must be the header: {Header}") { Line = 1 }]);
        }
        for (var i = 1; i < rows.Length; i++)
        {
            var row = rows[i].Trim();
            if (row.Length == 0 || row.StartsWith('#'))
            {
                continue;
            }
            var number = i + 1;
            var fields = row.Split(',');
            if (fields.Length != 7)
            {
                errors.Add(Error(number, "row", "tariff.columns", $"Expected 7 columns, found {fields.Length}."));
                continue;
            }
            var line = ParseLine(fields, number, errors);
            if (line is not null)
            {
                lines.Add(line);
            }
        }
        foreach (var group in lines.GroupBy(l => l.Code))
        {
            var ordered = group.OrderBy(l => l.ValidFrom).ToList();
            for (var k = 1; k < ordered.Count; k++)
            {
                var (previous, next) = (ordered[k - 1], ordered[k]);
                if (previous.ValidTo is null || next.ValidFrom <= previous.ValidTo)
                {
                    errors.Add(Error(next.SourceLine, "valid_from", "tariff.overlap",
                        $"Code {next.Code}: the period from {next.ValidFrom:yyyy-MM-dd} overlaps line {previous.SourceLine} ({previous.ValidFrom:yyyy-MM-dd} to {(previous.ValidTo is { } to ? to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "open")})."));
                }
                else if (next.ValidFrom > previous.ValidTo.Value.AddDays(1))
                {
                    errors.Add(Error(next.SourceLine, "valid_from", "tariff.gap",
                        $"Code {next.Code}: no rate between line {previous.SourceLine} (ends {previous.ValidTo:yyyy-MM-dd}) and this line (starts {next.ValidFrom:yyyy-MM-dd})."));
                }
            }
        }
        if (lines.Count == 0 && errors.Count == 0)
        {
            errors.Add(new DocumentError("row", "tariff.empty", "The file has no tariff line."));
        }
        return errors.Count > 0 ? new(null, errors) : new(new TariffSchedule(lines), []);
    }

    private static TariffLine? ParseLine(string[] f, int number, List<DocumentError> errors)
    {
        var before = errors.Count;
        var code = f[0].Trim();
        if (code.Length is not (2 or 4) and (< 6 or > 10) || !code.AsSpan().ContainsOnlyAsciiDigits())
        {
            errors.Add(Error(number, "code", "tariff.code", $"'{code}' is not an HS chapter (2 digits), heading (4) or a code of 6 to 10 digits."));
        }
        else if (code.Length < 6 && !Documents.Hs.HsNomenclature.Hs2022.TryGetEntry(code, out _))
        {
            errors.Add(Error(number, "code", "hs_code.unknown", $"'{code}' is not an HS 2022 {(code.Length == 2 ? "chapter" : "heading")}."));
        }
        else if (code.Length >= 6 && !HsCode.TryParse(code[..6], out _))
        {
            errors.Add(Error(number, "code", "hs_code.unknown", $"'{code[..6]}' is not an HS 2022 subheading."));
        }
        var from = Date(f[1], number, "valid_from", errors, required: true);
        var to = Date(f[2], number, "valid_to", errors, required: false);
        if (from is { } start && to is { } end && end < start)
        {
            errors.Add(Error(number, "valid_to", "tariff.period", "valid_to is before valid_from."));
        }
        var mfn = Rate(f[3], number, "mfn", errors, required: true);
        decimal vat = 0;
        if (f[4].Trim().Length > 0 && (!decimal.TryParse(f[4], NumberStyles.Number, CultureInfo.InvariantCulture, out vat) || vat is < 0 or > 100))
        {
            errors.Add(Error(number, "vat_percent", "tariff.vat", $"'{f[4]}' is not a percentage from 0 to 100."));
        }
        var excise = Rate(f[5], number, "excise", errors, required: false);
        var preferences = new List<PreferentialRate>();
        foreach (var part in f[6].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var colon = part.IndexOf(':', StringComparison.Ordinal);
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (colon <= 0 || equals < colon)
            {
                errors.Add(Error(number, "preferences", "tariff.preference", $"'{part}' is not AGREEMENT:ORIGIN|ORIGIN=RATE."));
                continue;
            }
            var origins = new List<CountryCode>();
            foreach (var origin in part[(colon + 1)..equals].Split('|', StringSplitOptions.TrimEntries))
            {
                if (CountryCode.TryParse(origin, out var country))
                {
                    origins.Add(country);
                }
                else
                {
                    errors.Add(Error(number, "preferences", "country_code.invalid", $"'{origin}' is not an ISO 3166-1 alpha-2 code."));
                }
            }
            if (Rate(part[(equals + 1)..], number, "preferences", errors, required: true) is { } rate)
            {
                preferences.Add(new PreferentialRate(part[..colon].Trim(), origins, rate));
            }
        }
        return errors.Count > before || from is null || mfn is null
            ? null
            : new TariffLine { Code = code, ValidFrom = from.Value, ValidTo = to, Mfn = mfn, VatPercent = vat, Excise = excise, Preferences = preferences, SourceLine = number };
    }

    /// <summary>Reads <c>10</c>, <c>0.5/KGM</c> or <c>10+0.5/KGM</c>.</summary>
    internal static DutyRate? Rate(string text, int line, string column, List<DocumentError> errors, bool required)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            if (required)
            {
                errors.Add(Error(line, column, "required", $"{column} is required."));
            }
            return null;
        }
        decimal percent = 0;
        decimal? specific = null;
        string? unit = null;
        var plus = text.IndexOf('+', StringComparison.Ordinal);
        var percentText = plus >= 0 ? text[..plus] : text.Contains('/', StringComparison.Ordinal) ? "" : text;
        var specificText = plus >= 0 ? text[(plus + 1)..] : text.Contains('/', StringComparison.Ordinal) ? text : "";
        if (percentText.Length > 0 && (!decimal.TryParse(percentText, NumberStyles.Number, CultureInfo.InvariantCulture, out percent) || percent is < 0 or > 1000))
        {
            errors.Add(Error(line, column, "tariff.rate", $"'{text}' is not a rate: use 10, 0.5/KGM or 10+0.5/KGM."));
            return null;
        }
        if (specificText.Length > 0)
        {
            var slash = specificText.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || !decimal.TryParse(specificText[..slash], NumberStyles.Number, CultureInfo.InvariantCulture, out var amount) || amount < 0
                || !Quantity.IsKnownUnit(specificText[(slash + 1)..]))
            {
                errors.Add(Error(line, column, "tariff.rate", $"'{text}' is not a rate: the specific part is AMOUNT/UNIT with a UNECE Rec 20 unit."));
                return null;
            }
            specific = amount;
            unit = specificText[(slash + 1)..];
        }
        return new DutyRate(percent, specific, unit);
    }

    private static DateOnly? Date(string text, int line, string column, List<DocumentError> errors, bool required)
    {
        text = text.Trim();
        if (text.Length == 0)
        {
            if (required)
            {
                errors.Add(Error(line, column, "required", $"{column} is required."));
            }
            return null;
        }
        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }
        errors.Add(Error(line, column, "date.format", $"'{text}' is not a date (yyyy-MM-dd)."));
        return null;
    }

    private static DocumentError Error(int line, string column, string code, string message) => new(column, code, message) { Line = line };
}
