using System.Security.Cryptography;
using System.Text;

namespace Caravan.Documents.Rendering;

/// <summary>
/// The public verification link of a signed certificate: <c>{PublicBaseUrl}/verify/{issuingCountry}/{number}?k={key}</c>.
/// The key is the first 16 bytes of the SHA-256 of the signed XML (base64url), so only someone who holds the
/// document (or its paper copy with the QR code) can form the link: numbers alone cannot be enumerated.
/// </summary>
public static class VerificationLink
{
    private const int KeyBytes = 16;

    /// <summary>The link key of a signed document, from its stored text (UTF-8).</summary>
    public static string Key(string signedXml)
    {
        ArgumentNullException.ThrowIfNull(signedXml);
        return Key(Encoding.UTF8.GetBytes(signedXml));
    }

    public static string Key(ReadOnlySpan<byte> signedXml)
    {
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(signedXml, hash);
        return Convert.ToBase64String(hash[..KeyBytes]).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    /// <summary>True when <paramref name="candidate"/> is the key of <paramref name="signedXml"/> (compared in constant time).</summary>
    public static bool Matches(string signedXml, string? candidate)
    {
        ArgumentNullException.ThrowIfNull(signedXml);
        var expected = Encoding.ASCII.GetBytes(Key(signedXml));
        var given = Encoding.ASCII.GetBytes(candidate ?? "");
        return given.Length == expected.Length && CryptographicOperations.FixedTimeEquals(expected, given);
    }

    public static Uri For(Uri publicBaseUrl, string issuingCountry, string number, string signedXml)
    {
        ArgumentNullException.ThrowIfNull(publicBaseUrl);
        var baseText = publicBaseUrl.ToString().TrimEnd('/');
        return new Uri($"{baseText}/verify/{Uri.EscapeDataString(issuingCountry)}/{Uri.EscapeDataString(number)}?k={Key(signedXml)}");
    }
}
