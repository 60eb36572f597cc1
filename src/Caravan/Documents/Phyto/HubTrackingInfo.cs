namespace Caravan.Documents.Phyto;

/// <summary>The IPPC hub's delivery state of an envelope (<c>HUBTrackingInfo</c> in the hub's entity schema).</summary>
public enum HubTrackingInfo
{
    PendingDelivery,
    Delivered,
    FailedDelivery,
    EnvelopeNotExists,
    DeliveredWithWarnings,
    DeliveredNotReadable,
}
