using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace Caravan.Trust;

/// <summary>
/// The public keys of long-lived certificates (a partner's pinned certificate, the node's own), imported once and
/// reused. <c>GetRSAPublicKey</c> decodes the SubjectPublicKeyInfo and builds a new OpenSSL key
/// on every call, which cost more than the RSA verification itself on every AS4 message (about a fifth of the
/// gateway's cryptographic CPU). Keys are lent out one caller at a time, because the framework does not promise that an
/// <see cref="AsymmetricAlgorithm"/> instance is safe for concurrent use; a certificate keeps at most a few idle keys,
/// and they go with the certificate (the table holds it weakly).
/// </summary>
internal static class PublicKeyCache
{
    private const int MaxIdlePerCertificate = 8;

    private static readonly ConditionalWeakTable<X509Certificate2, Idle> Keys = new();

    /// <summary>Lends the certificate's RSA public key, or gives <c>null</c> when the key is not RSA.</summary>
    public static Lease<RSA>? RentRsa(X509Certificate2 certificate) =>
        Rent(certificate, static idle => idle.Rsa, static c => c.GetRSAPublicKey());

    /// <summary>Lends the certificate's ECDSA public key, or gives <c>null</c> when the key is not ECDSA.</summary>
    public static Lease<ECDsa>? RentECDsa(X509Certificate2 certificate) =>
        Rent(certificate, static idle => idle.ECDsa, static c => c.GetECDsaPublicKey());

    private static Lease<T>? Rent<T>(X509Certificate2 certificate, Func<Idle, ConcurrentBag<T>> bagOf, Func<X509Certificate2, T?> import)
        where T : AsymmetricAlgorithm
    {
        ArgumentNullException.ThrowIfNull(certificate);
        var home = bagOf(Keys.GetValue(certificate, static _ => new Idle()));
        if (home.TryTake(out var key))
        {
            return new Lease<T>(key, home);
        }
        var created = import(certificate);
        return created is null ? null : new Lease<T>(created, home);
    }

    private sealed class Idle
    {
        public ConcurrentBag<RSA> Rsa { get; } = [];

        public ConcurrentBag<ECDsa> ECDsa { get; } = [];
    }

    /// <summary>A key lent to one caller; disposing it gives it back (or disposes it when enough are idle).</summary>
    internal sealed class Lease<T> : IDisposable
        where T : AsymmetricAlgorithm
    {
        private readonly ConcurrentBag<T> _home;
        private T? _key;

        internal Lease(T key, ConcurrentBag<T> home)
        {
            _key = key;
            _home = home;
        }

        public T Key => _key ?? throw new ObjectDisposedException(nameof(Lease<T>));

        public void Dispose()
        {
            var key = Interlocked.Exchange(ref _key, null);
            if (key is null)
            {
                return;
            }
            if (_home.Count < MaxIdlePerCertificate)
            {
                _home.Add(key);
            }
            else
            {
                key.Dispose();
            }
        }
    }
}
