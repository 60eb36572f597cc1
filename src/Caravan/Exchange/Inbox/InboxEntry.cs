namespace Caravan.Exchange.Inbox;

/// <summary>A stored received message without its payload bytes (read those with <see cref="InboxStore.CopyPayloadToAsync"/>).</summary>
public sealed record InboxEntry(InboxMessage Message, long PayloadLength, InboxStatus Status, ReadOnlyMemory<byte>? Receipt);
