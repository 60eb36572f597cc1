using System.Xml;
using Caravan.Exchange.As4.Model;

namespace Caravan.Exchange.As4.Security;

/// <summary>
/// What was signed: the ds:Signature element added to the Security header and its references (kept by the
/// sender to check the NonRepudiationInformation of the receipt that comes back).
/// </summary>
public sealed record As4SigningResult(XmlElement Signature, IReadOnlyList<As4ReceiptReference> References);
