using Caravan.Exchange.As4.Model;

namespace Caravan.Exchange.As4;

/// <summary>
/// The outcome of writing a message: the Content-Type header value to send with the body, and the signature
/// references (empty when unsigned) to keep for checking the receipt's NonRepudiationInformation.
/// </summary>
public sealed record As4WriteResult(string ContentType, IReadOnlyList<As4ReceiptReference> SignedReferences);
