namespace Caravan.Exchange.As4.Inspection;

/// <summary>One payload of an inspected user message: its Content-ID (or "soap-body"), MIME type and size after decryption and decompression.</summary>
public sealed record InspectionPayload(string Id, string? MimeType, long Bytes);
