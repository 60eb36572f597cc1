namespace Caravan.Exchange.As4.Model;

/// <summary>
/// One ds:Reference of a signature as copied into a receipt's ebbp:MessagePartNRInformation: which part
/// (<c>#id</c> or <c>cid:</c>), how it was digested and the base64 digest value.
/// </summary>
public sealed record As4ReceiptReference(string Uri, string DigestMethod, string DigestValue, IReadOnlyList<string> Transforms);
