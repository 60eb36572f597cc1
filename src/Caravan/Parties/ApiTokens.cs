using System.Security.Cryptography;
using System.Text;

namespace Caravan.Parties;

/// <summary>
/// Bearer tokens for the API: 32 random bytes shown once to their holder; only their SHA-256 hash is stored, so a
/// leaked database does not leak usable tokens.
/// </summary>
public static class ApiTokens
{
    private const string Prefix = "cvn_";

    public static string NewToken() => Prefix + Base64Url(RandomNumberGenerator.GetBytes(32));

    /// <summary>The stored form of a token: lower-case hex SHA-256 of its UTF-8 bytes.</summary>
    public static string Hash(string token)
    {
        ArgumentNullException.ThrowIfNull(token);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(token), hash);
        return Convert.ToHexStringLower(hash);
    }

    public static bool LooksLikeToken(string value) => value.StartsWith(Prefix, StringComparison.Ordinal) && value.Length is > 20 and < 100;

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
