using System.Net.Http.Headers;

namespace Caravan.Node.Api.Idempotency;

/// <summary>
/// The request body of an idempotent POST as sent, for the operations that accept more than one format (a declaration
/// as JSON or as WCO DMS XML); the handler chooses by content type. The idempotency record covers these bytes.
/// </summary>
public sealed record RawBody(byte[] Bytes, string? ContentType, IQueryCollection Query)
{
    /// <summary>True for <c>application/xml</c>, <c>text/xml</c> and any <c>+xml</c> media type.</summary>
    public bool IsXml => MediaType is "application/xml" or "text/xml" || (MediaType?.EndsWith("+xml", StringComparison.Ordinal) ?? false);

    /// <summary>True for <c>application/json</c>, any <c>+json</c> media type, or no content type at all.</summary>
    public bool IsJson => MediaType is null or "application/json" || MediaType.EndsWith("+json", StringComparison.Ordinal);

    private string? MediaType => MediaTypeHeaderValue.TryParse(ContentType, out var parsed) ? parsed.MediaType?.ToLowerInvariant() : null;
}
