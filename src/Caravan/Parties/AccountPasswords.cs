using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Caravan.Parties;

/// <summary>
/// Password hashing for portal accounts: PBKDF2 with HMAC-SHA256, a random 16-byte salt per hash and
/// <see cref="DefaultIterations"/> iterations, stored as <c>pbkdf2-sha256$iterations$salt$hash</c> (base64) so the
/// work factor can be raised later without breaking stored hashes. Verification compares in constant time.
/// </summary>
public static class AccountPasswords
{
    public const int DefaultIterations = 600_000;
    public const int MinimumLength = 12;
    public const int MaximumLength = 200;
    private const string Scheme = "pbkdf2-sha256";
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    /// <summary>A hash of a fixed password, verified against when an account is unknown so that timing does not reveal which usernames exist.</summary>
    internal static readonly string DummyHash = Hash("caravan-dummy-password", DefaultIterations);

    public static string Hash(string password, int iterations = DefaultIterations)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentOutOfRangeException.ThrowIfLessThan(iterations, 1);
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
        return string.Create(CultureInfo.InvariantCulture, $"{Scheme}${iterations}${Convert.ToBase64String(salt)}${Convert.ToBase64String(hash)}");
    }

    /// <summary>True when <paramref name="password"/> produces <paramref name="stored"/>; false for any other password or a malformed hash.</summary>
    public static bool Verify(string password, string stored)
    {
        ArgumentNullException.ThrowIfNull(password);
        ArgumentNullException.ThrowIfNull(stored);
        var parts = stored.Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }
        byte[] salt, expected;
        try
        {
            salt = Convert.FromBase64String(parts[2]);
            expected = Convert.FromBase64String(parts[3]);
        }
        catch (FormatException)
        {
            return false;
        }
        var actual = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(password), salt, iterations, HashAlgorithmName.SHA256, expected.Length);
        return CryptographicOperations.FixedTimeEquals(actual, expected);
    }

    /// <summary>Why a new password is not acceptable, or null when it is: 12-200 characters, not only whitespace.</summary>
    public static string? Check(string? password) =>
        string.IsNullOrWhiteSpace(password) || password.Length < MinimumLength || password.Length > MaximumLength
            ? $"The password must have {MinimumLength} to {MaximumLength} characters."
            : null;

    /// <summary>A random password of 20 characters from an unambiguous alphabet (for demos and first sign-in).</summary>
    public static string Generate()
    {
        const string alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
        return RandomNumberGenerator.GetString(alphabet, 20);
    }
}
