namespace Caravan.Documents.Phyto;

/// <summary>A forwarding of an envelope by the hub to another channel (<c>EnvelopeForwarding</c>: channel code and delivery number).</summary>
public sealed record EphytoEnvelopeForwarding(string Code, string? HubDeliveryNumber = null);
