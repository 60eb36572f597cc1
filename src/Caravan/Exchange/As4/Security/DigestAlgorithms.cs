using System.Security.Cryptography;

namespace Caravan.Exchange.As4.Security;

internal static class DigestAlgorithms
{
    public static HashAlgorithmName? FromDigestUri(string uri) => uri switch
    {
        As4Namespaces.Sha1 => HashAlgorithmName.SHA1,
        As4Namespaces.Sha256 => HashAlgorithmName.SHA256,
        As4Namespaces.Sha384 => HashAlgorithmName.SHA384,
        As4Namespaces.Sha512 => HashAlgorithmName.SHA512,
        "http://www.w3.org/2001/04/xmldsig-more#sha256" => HashAlgorithmName.SHA256,
        "http://www.w3.org/2001/04/xmldsig-more#sha512" => HashAlgorithmName.SHA512,
        _ => null,
    };

    /// <summary>Maps a SignatureMethod URI to its key type and hash.</summary>
    public static (bool IsRsa, HashAlgorithmName Hash)? FromSignatureUri(string uri) => uri switch
    {
        As4Namespaces.RsaSha1 => (true, HashAlgorithmName.SHA1),
        As4Namespaces.RsaSha256 => (true, HashAlgorithmName.SHA256),
        As4Namespaces.RsaSha384 => (true, HashAlgorithmName.SHA384),
        As4Namespaces.RsaSha512 => (true, HashAlgorithmName.SHA512),
        As4Namespaces.EcdsaSha256 => (false, HashAlgorithmName.SHA256),
        As4Namespaces.EcdsaSha384 => (false, HashAlgorithmName.SHA384),
        As4Namespaces.EcdsaSha512 => (false, HashAlgorithmName.SHA512),
        _ => null,
    };

    public static async Task<byte[]> HashStreamAsync(Stream stream, HashAlgorithmName algorithm, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(algorithm);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(0, buffer.Length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        return hash.GetHashAndReset();
    }

    public static byte[] HashStream(Stream stream, HashAlgorithmName algorithm)
    {
        using var hash = IncrementalHash.CreateHash(algorithm);
        var buffer = System.Buffers.ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
            {
                hash.AppendData(buffer, 0, read);
            }
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(buffer);
        }
        return hash.GetHashAndReset();
    }
}
