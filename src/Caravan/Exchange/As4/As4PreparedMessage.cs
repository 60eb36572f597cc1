using Caravan.Exchange.As4.Mime;
using Caravan.Exchange.As4.Model;

namespace Caravan.Exchange.As4;

/// <summary>
/// A signed and encrypted message ready to stream (<see cref="Package"/>, whose Content-Type is known up front), and
/// the references it signed, to check the receipt's NonRepudiationInformation against.
/// </summary>
public sealed record As4PreparedMessage(As4MimePackage Package, IReadOnlyList<As4ReceiptReference> SignedReferences) : IDisposable
{
    public void Dispose() => Package.Dispose();
}
