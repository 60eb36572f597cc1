namespace Caravan.Exchange.As4.Signals;

/// <summary>
/// The comparison of a received receipt's NonRepudiationInformation with the references we signed: valid when
/// every reference we sent is echoed with the same digest. Problems name the reference URIs.
/// </summary>
public sealed record As4ReceiptCheck(bool Valid, IReadOnlyList<string> Problems);
