using Caravan.Exchange.As4;

namespace Caravan.Exchange.Gateway;

/// <summary>A view of content owned by someone else: reading goes through, disposing does not dispose the original.</summary>
internal sealed class BorrowedPayloadContent(PayloadContent inner) : PayloadContent
{
    public override long Length => inner.Length;

    public override Stream OpenRead() => inner.OpenRead();
}
