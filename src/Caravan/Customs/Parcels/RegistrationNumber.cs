using Caravan.Documents.Common;

namespace Caravan.Customs.Parcels;

/// <summary>
/// A vendor's or platform's tax registration number for collection at sale, shaped like the EU's IOSS number:
/// <c>IM</c>, then 10 digits whose last is a Luhn check digit over the nine before it. Being well formed is only the
/// first check: the number must also be registered on the node, to the party that is liable, for the platform and
/// the date of sale.
/// </summary>
public static class RegistrationNumber
{
    public const string FormatDescription = "IM followed by 10 digits, the last a Luhn check digit";

    public static bool IsWellFormed(ReadOnlySpan<char> number)
    {
        if (number.Length != 12 || number[0] != 'I' || number[1] != 'M' || !number[2..].ContainsOnlyAsciiDigits())
        {
            return false;
        }
        return CheckDigit(number.Slice(2, 9)) == number[11] - '0';
    }

    /// <summary>Makes a well-formed number from a serial of up to 9 digits (for the operator's registrations and for tests).</summary>
    public static string Create(long serial)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(serial);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(serial, 999_999_999L);
        var digits = serial.ToString("D9", System.Globalization.CultureInfo.InvariantCulture);
        return $"IM{digits}{CheckDigit(digits)}";
    }

    private static int CheckDigit(ReadOnlySpan<char> digits)
    {
        var sum = 0;
        var doubleIt = true;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubleIt)
            {
                d *= 2;
                if (d > 9)
                {
                    d -= 9;
                }
            }
            sum += d;
            doubleIt = !doubleIt;
        }
        return (10 - sum % 10) % 10;
    }
}
