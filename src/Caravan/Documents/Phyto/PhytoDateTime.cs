using System.Globalization;
using System.Text.Json.Serialization;
using Caravan.Documents.Common;

namespace Caravan.Documents.Phyto;

/// <summary>
/// A date or date-time as ePhyto certificates write it: <c>2016-04-22</c>, <c>2023-10-04T07:49:49</c> or with a
/// UTC offset (<c>2016-04-22T13:53:08-03:00</c>, <c>...Z</c>), optionally with fractional seconds. The text is kept
/// exactly (equality is by text) so that a certificate round-trips unchanged. <c>default</c> is not valid.
/// </summary>
[JsonConverter(typeof(PhytoDateTimeJsonConverter))]
public readonly record struct PhytoDateTime
{
    private readonly string? _text;

    private PhytoDateTime(string text, DateOnly date, TimeOnly? time, TimeSpan? offset)
    {
        _text = text;
        Date = date;
        Time = time;
        Offset = offset;
    }

    /// <summary>The text form, e.g. <c>2016-04-22T13:53:08-03:00</c>.</summary>
    public string Value => _text ?? string.Empty;

    /// <summary>The calendar date as written (local to the writer's offset, if any).</summary>
    public DateOnly Date { get; }

    /// <summary>The time of day, when one is given.</summary>
    public TimeOnly? Time { get; }

    /// <summary>The UTC offset, when one is given.</summary>
    public TimeSpan? Offset { get; }

    /// <summary>Parses the text, failing with <c>date_time.format</c>.</summary>
    public static ParseResult<PhytoDateTime> Create(string? text)
    {
        if (text is null || text.Length < 10
            || !DateOnly.TryParseExact(text.AsSpan(0, 10), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return Fail();
        }
        if (text.Length == 10)
        {
            return ParseResult<PhytoDateTime>.Success(new PhytoDateTime(text, date, null, null));
        }
        if (text[10] != 'T' || text.Length < 19
            || !TimeOnly.TryParseExact(text.AsSpan(11, 8), "HH:mm:ss", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time))
        {
            return Fail();
        }
        var rest = text.AsSpan(19);
        if (rest.Length > 0 && rest[0] == '.')
        {
            var digits = 1;
            while (digits < rest.Length && char.IsAsciiDigit(rest[digits]))
            {
                digits++;
            }
            if (digits == 1 || digits > 8)
            {
                return Fail();
            }
            var fraction = int.Parse(rest[1..digits], NumberStyles.None, CultureInfo.InvariantCulture);
            time = time.Add(TimeSpan.FromTicks(fraction * (long)Math.Pow(10, 7 - (digits - 1))));
            rest = rest[digits..];
        }
        TimeSpan? offset = null;
        if (rest.Length == 1 && rest[0] == 'Z')
        {
            offset = TimeSpan.Zero;
        }
        else if (rest.Length == 6 && rest[0] is '+' or '-' && rest[3] == ':'
            && int.TryParse(rest.Slice(1, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var hours)
            && int.TryParse(rest.Slice(4, 2), NumberStyles.None, CultureInfo.InvariantCulture, out var minutes)
            && hours <= 14 && minutes < 60)
        {
            var span = new TimeSpan(hours, minutes, 0);
            offset = rest[0] == '-' ? -span : span;
        }
        else if (rest.Length != 0)
        {
            return Fail();
        }
        return ParseResult<PhytoDateTime>.Success(new PhytoDateTime(text, date, time, offset));
    }

    public static bool TryParse(string? text, out PhytoDateTime value) => Create(text).TryGetValue(out value);

    /// <summary>Makes a known-good value, throwing on bad input (for constants and tests).</summary>
    public static PhytoDateTime Of(string text) => Create(text).Value;

    /// <summary>A date without time.</summary>
    public static PhytoDateTime FromDate(DateOnly date) =>
        Of(date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));

    /// <summary>A date-time with its offset, to the second.</summary>
    public static PhytoDateTime FromDateTimeOffset(DateTimeOffset value) =>
        Of(value.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture));

    public override string ToString() => Value;

    private static ParseResult<PhytoDateTime> Fail() =>
        ParseResult<PhytoDateTime>.Failure(
            "date_time.format", "A date is yyyy-MM-dd, optionally followed by Thh:mm:ss[.fff] and Z or ±hh:mm.");
}
