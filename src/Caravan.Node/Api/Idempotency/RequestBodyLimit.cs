namespace Caravan.Node.Api.Idempotency;

/// <summary>
/// Endpoint metadata raising (or lowering) the body size an idempotent POST accepts, for the few operations that carry
/// files; every other POST keeps the default of 4 MiB. Larger bodies are answered 413 before anything runs.
/// </summary>
public sealed record RequestBodyLimit(int Bytes);
