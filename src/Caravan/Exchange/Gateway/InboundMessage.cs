using System.Security.Cryptography.X509Certificates;
using Caravan.Exchange.As4;

namespace Caravan.Exchange.Gateway;

/// <summary>
/// A user message that passed decryption, signature and trust checks and is new (not a duplicate), handed to the
/// business handler for its Service and Action inside the transaction that stores it.
/// </summary>
public sealed record InboundMessage(
    string MessageId,
    string FromCountry,
    string Service,
    string Action,
    string ConversationId,
    string? RefToMessageId,
    IReadOnlyList<As4Attachment> Payloads,
    X509Certificate2 Signer,
    DateTimeOffset ReceivedAt);
