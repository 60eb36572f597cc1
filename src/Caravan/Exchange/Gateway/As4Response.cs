namespace Caravan.Exchange.Gateway;

/// <summary>The synchronous HTTP answer to an inbound AS4 message: a signed receipt or an ebMS error signal.</summary>
public sealed record As4Response(int StatusCode, string ContentType, ReadOnlyMemory<byte> Body);
