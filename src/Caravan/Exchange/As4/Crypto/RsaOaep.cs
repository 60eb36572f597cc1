using System.Numerics;
using System.Security.Cryptography;

namespace Caravan.Exchange.As4.Crypto;

/// <summary>
/// RSAES-OAEP (RFC 8017, 7.1) key transport for any combination of OAEP digest, MGF1 digest and label.
/// When the two digests agree and there is no label, the platform's padding does the work; otherwise
/// (e.g. SHA-256 with MGF1-SHA-1, which rsa-oaep-mgf1p with a SHA-256 DigestMethod means and which
/// several AS4 stacks send) the padding is computed here around a blinded CRT private-key operation.
/// </summary>
internal static class RsaOaep
{
    public static bool IsNativelySupported(RsaOaepParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        return parameters.Digest == parameters.MaskDigest && parameters.Label.Length == 0;
    }

    public static byte[] Encrypt(RSA publicKey, ReadOnlySpan<byte> message, RsaOaepParameters parameters)
    {
        ArgumentNullException.ThrowIfNull(publicKey);
        ArgumentNullException.ThrowIfNull(parameters);
        if (IsNativelySupported(parameters))
        {
            return publicKey.Encrypt(message.ToArray(), RSAEncryptionPadding.CreateOaep(parameters.Digest));
        }
        return EncryptPortable(publicKey.ExportParameters(false), message, parameters);
    }

    internal enum Outcome
    {
        Unwrapped,
        Failed,
        KeyNotExportable,
    }

    /// <summary>
    /// Decrypts an OAEP-wrapped key. On failure the reason does not say which padding check failed (so the
    /// answer is no padding oracle).
    /// </summary>
    public static Outcome Decrypt(RSA privateKey, byte[] ciphertext, RsaOaepParameters parameters, out byte[] message, out string failure)
    {
        ArgumentNullException.ThrowIfNull(privateKey);
        ArgumentNullException.ThrowIfNull(ciphertext);
        ArgumentNullException.ThrowIfNull(parameters);
        message = [];
        failure = "";
        if (IsNativelySupported(parameters))
        {
            try
            {
                message = privateKey.Decrypt(ciphertext, RSAEncryptionPadding.CreateOaep(parameters.Digest));
                return Outcome.Unwrapped;
            }
            catch (CryptographicException)
            {
                failure = "RSA-OAEP decryption failed (wrong key or corrupt key cipher value).";
                return Outcome.Failed;
            }
        }
        RSAParameters key;
        try
        {
            key = privateKey.ExportParameters(true);
        }
        catch (CryptographicException)
        {
            failure = $"RSA-OAEP with digest {parameters.Digest.Name} and MGF1-{parameters.MaskDigest.Name} needs the raw private key, which this key store does not export.";
            return Outcome.KeyNotExportable;
        }
        try
        {
            return TryDecryptPortable(key, ciphertext, parameters, out message, out failure) ? Outcome.Unwrapped : Outcome.Failed;
        }
        finally
        {
            Clear(key);
        }
    }

    internal static byte[] EncryptPortable(RSAParameters key, ReadOnlySpan<byte> message, RsaOaepParameters parameters)
    {
        var k = key.Modulus!.Length;
        var hLen = HashLength(parameters.Digest);
        if (message.Length > k - (2 * hLen) - 2)
        {
            throw new CryptographicException("The message is too long for this RSA key and OAEP digest.");
        }
        var db = new byte[k - hLen - 1];
        CryptographicOperations.HashData(parameters.Digest, parameters.Label, db);
        db[db.Length - message.Length - 1] = 0x01;
        message.CopyTo(db.AsSpan(db.Length - message.Length));
        var seed = RandomNumberGenerator.GetBytes(hLen);
        XorInPlace(db, Mgf1(seed, db.Length, parameters.MaskDigest));
        XorInPlace(seed, Mgf1(db, hLen, parameters.MaskDigest));
        var em = new byte[k];
        seed.CopyTo(em, 1);
        db.CopyTo(em, 1 + hLen);
        var c = BigInteger.ModPow(ToInteger(em), ToInteger(key.Exponent!), ToInteger(key.Modulus));
        return ToBytes(c, k);
    }

    internal static bool TryDecryptPortable(RSAParameters key, byte[] ciphertext, RsaOaepParameters parameters, out byte[] message, out string failure)
    {
        message = [];
        failure = "RSA-OAEP decryption failed (wrong key or corrupt key cipher value).";
        var k = key.Modulus!.Length;
        var hLen = HashLength(parameters.Digest);
        var maskLen = HashLength(parameters.MaskDigest);
        if (ciphertext.Length != k || k < (2 * hLen) + 2 || maskLen == 0)
        {
            return false;
        }
        var n = ToInteger(key.Modulus);
        var c = ToInteger(ciphertext);
        if (c >= n)
        {
            return false;
        }
        var em = ToBytes(PrivateOperation(key, n, c), k);

        var maskedSeed = em.AsSpan(1, hLen);
        var db = em.AsSpan(1 + hLen);
        var seed = Mgf1(db, hLen, parameters.MaskDigest);
        XorInPlace(seed, maskedSeed);
        XorInPlace(db, Mgf1(seed, db.Length, parameters.MaskDigest));

        Span<byte> labelHash = stackalloc byte[hLen];
        CryptographicOperations.HashData(parameters.Digest, parameters.Label, labelHash);
        var bad = em[0] != 0;
        bad |= !CryptographicOperations.FixedTimeEquals(db[..hLen], labelHash);
        // Find the 0x01 separator after the zero padding without branching on where it is.
        var separator = 0;
        var searching = 1;
        var invalidPadding = 0;
        for (var i = hLen; i < db.Length; i++)
        {
            var isOne = db[i] == 1 ? 1 : 0;
            var isZero = db[i] == 0 ? 1 : 0;
            separator |= i & -(searching & isOne);
            invalidPadding |= searching & (1 - isOne) & (1 - isZero);
            searching &= 1 - isOne;
        }
        bad |= (searching | invalidPadding) != 0;
        if (bad)
        {
            CryptographicOperations.ZeroMemory(em);
            return false;
        }
        message = db[(separator + 1)..].ToArray();
        CryptographicOperations.ZeroMemory(em);
        failure = "";
        return true;
    }

    /// <summary>c^d mod n through the CRT, blinded with a random r so timing does not depend on c.</summary>
    private static BigInteger PrivateOperation(RSAParameters key, BigInteger n, BigInteger c)
    {
        var e = ToInteger(key.Exponent!);
        BigInteger r;
        do
        {
            r = ToInteger(RandomNumberGenerator.GetBytes(key.Modulus!.Length)) % n;
        }
        while (r < 2 || BigInteger.GreatestCommonDivisor(r, n) != BigInteger.One);
        var blinded = c * BigInteger.ModPow(r, e, n) % n;

        BigInteger result;
        if (key.P is { Length: > 0 } && key.Q is { Length: > 0 } && key.DP is { Length: > 0 } && key.DQ is { Length: > 0 } && key.InverseQ is { Length: > 0 })
        {
            var p = ToInteger(key.P);
            var q = ToInteger(key.Q);
            var m1 = BigInteger.ModPow(blinded % p, ToInteger(key.DP), p);
            var m2 = BigInteger.ModPow(blinded % q, ToInteger(key.DQ), q);
            var h = ToInteger(key.InverseQ) * (m1 - m2) % p;
            if (h.Sign < 0)
            {
                h += p;
            }
            result = m2 + (h * q);
        }
        else
        {
            result = BigInteger.ModPow(blinded, ToInteger(key.D!), n);
        }
        return result * ModInverse(r, n) % n;
    }

    private static BigInteger ModInverse(BigInteger value, BigInteger modulus)
    {
        BigInteger oldR = value, r = modulus, oldS = BigInteger.One, s = BigInteger.Zero;
        while (!r.IsZero)
        {
            var quotient = BigInteger.Divide(oldR, r);
            (oldR, r) = (r, oldR - (quotient * r));
            (oldS, s) = (s, oldS - (quotient * s));
        }
        var inverse = oldS % modulus;
        return inverse.Sign < 0 ? inverse + modulus : inverse;
    }

    private static byte[] Mgf1(ReadOnlySpan<byte> seed, int length, HashAlgorithmName digest)
    {
        var hLen = HashLength(digest);
        var output = new byte[length];
        var input = new byte[seed.Length + 4];
        seed.CopyTo(input);
        var block = new byte[hLen];
        for (uint counter = 0, offset = 0; offset < length; counter++, offset += (uint)hLen)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteUInt32BigEndian(input.AsSpan(seed.Length), counter);
            CryptographicOperations.HashData(digest, input, block);
            block.AsSpan(0, Math.Min(hLen, length - (int)offset)).CopyTo(output.AsSpan((int)offset));
        }
        return output;
    }

    internal static int HashLength(HashAlgorithmName digest) =>
        digest.Name switch
        {
            "SHA1" => 20,
            "SHA256" => 32,
            "SHA384" => 48,
            "SHA512" => 64,
            _ => 0,
        };

    private static void XorInPlace(Span<byte> target, ReadOnlySpan<byte> mask)
    {
        for (var i = 0; i < target.Length; i++)
        {
            target[i] ^= mask[i];
        }
    }

    private static BigInteger ToInteger(ReadOnlySpan<byte> bigEndian) => new(bigEndian, isUnsigned: true, isBigEndian: true);

    private static byte[] ToBytes(BigInteger value, int length)
    {
        var output = new byte[length];
        var count = value.GetByteCount(isUnsigned: true);
        if (count > length || !value.TryWriteBytes(output.AsSpan(length - count), out _, isUnsigned: true, isBigEndian: true))
        {
            throw new CryptographicException("RSA integer does not fit the modulus length.");
        }
        return output;
    }

    private static void Clear(RSAParameters key)
    {
        foreach (var secret in new[] { key.D, key.P, key.Q, key.DP, key.DQ, key.InverseQ })
        {
            if (secret is not null)
            {
                CryptographicOperations.ZeroMemory(secret);
            }
        }
    }
}
