using System.Security.Cryptography.X509Certificates;
using Caravan.Common;

namespace Caravan.Window.Payments;

/// <summary>
/// The payment providers whose callbacks this node believes, each pinned to its certificate by name. A callback counts
/// only when its provider is listed and its signature (<see cref="PaymentSignature"/>) verifies against that certificate.
/// </summary>
public sealed class PaymentProviderTrust(IReadOnlyDictionary<string, X509Certificate2> certificates, TimeProvider time)
{
    private readonly Dictionary<string, X509Certificate2> _certificates = new(certificates ?? throw new ArgumentNullException(nameof(certificates)), StringComparer.Ordinal);

    public IReadOnlyCollection<string> Providers => _certificates.Keys;

    /// <summary>
    /// Verifies a callback's signature and reads it: <c>payment_provider.unknown</c> (not found) for an unlisted provider,
    /// an untrusted failure naming the reason for a bad signature, a validation failure for a signed but malformed body.
    /// </summary>
    public Result<PaymentCallback> Verify(string provider, ReadOnlySpan<byte> body, string? signatureHeader)
    {
        if (provider is null || !_certificates.TryGetValue(provider, out var certificate))
        {
            return Failure.NotFound("payment_provider.unknown", $"No payment provider '{provider}' is configured on this node.");
        }
        if (PaymentSignature.Check(body, signatureHeader, certificate, time.GetUtcNow()) is { } problem)
        {
            return new Failure(FailureKind.Untrusted, problem.Code, problem.Reason);
        }
        return PaymentCallback.Parse(body);
    }
}
