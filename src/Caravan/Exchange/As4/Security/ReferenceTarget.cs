namespace Caravan.Exchange.As4.Security;

/// <summary>What a ds:Reference resolved to.</summary>
public enum ReferenceTarget
{
    Messaging,
    Body,
    Attachment,
    Other,
    Unresolved,
}
