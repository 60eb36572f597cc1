using System.Security.Cryptography;
using Caravan.Exchange.As4.Crypto;

namespace Caravan.Tests.Exchange.As4.Crypto;

public sealed class RsaOaepTests
{
    private static readonly Lazy<RSA> Key = new(() => RSA.Create(2048));

    [Theory]
    [InlineData("SHA1")]
    [InlineData("SHA256")]
    [InlineData("SHA512")]
    public void PortableDecrypt_OfPlatformOaep_RecoversMessage(string digest)
    {
        var name = new HashAlgorithmName(digest);
        var message = RandomNumberGenerator.GetBytes(32);
        var ciphertext = Key.Value.Encrypt(message, RSAEncryptionPadding.CreateOaep(name));

        Assert.True(RsaOaep.TryDecryptPortable(Key.Value.ExportParameters(true), ciphertext, new RsaOaepParameters(name, name, []), out var recovered, out _));
        Assert.Equal(message, recovered);
    }

    [Theory]
    [InlineData("SHA1")]
    [InlineData("SHA256")]
    public void PortableEncrypt_IsDecryptedByPlatformOaep(string digest)
    {
        var name = new HashAlgorithmName(digest);
        var message = RandomNumberGenerator.GetBytes(16);

        var ciphertext = RsaOaep.EncryptPortable(Key.Value.ExportParameters(false), message, new RsaOaepParameters(name, name, []));

        Assert.Equal(message, Key.Value.Decrypt(ciphertext, RSAEncryptionPadding.CreateOaep(name)));
    }

    [Fact]
    public void MixedDigestsWithLabel_RoundTrip_AndWrongLabelOrMaskFails()
    {
        var parameters = new RsaOaepParameters(HashAlgorithmName.SHA256, HashAlgorithmName.SHA1, [1, 2, 3]);
        var message = RandomNumberGenerator.GetBytes(16);
        var ciphertext = RsaOaep.Encrypt(Key.Value, message, parameters);

        Assert.Equal(RsaOaep.Outcome.Unwrapped, RsaOaep.Decrypt(Key.Value, ciphertext, parameters, out var recovered, out _));
        Assert.Equal(message, recovered);
        Assert.Equal(RsaOaep.Outcome.Failed, RsaOaep.Decrypt(Key.Value, ciphertext, parameters with { Label = [9] }, out _, out _));
        Assert.Equal(RsaOaep.Outcome.Failed, RsaOaep.Decrypt(Key.Value, ciphertext, parameters with { MaskDigest = HashAlgorithmName.SHA256 }, out _, out _));
        ciphertext[10] ^= 1;
        Assert.Equal(RsaOaep.Outcome.Failed, RsaOaep.Decrypt(Key.Value, ciphertext, parameters, out _, out _));
    }
}
