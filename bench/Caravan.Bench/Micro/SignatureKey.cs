namespace Caravan.Bench.Micro;

/// <summary>The signing key types the benchmarks compare.</summary>
public enum SignatureKey
{
    Rsa2048,
    EcdsaP256,
}
