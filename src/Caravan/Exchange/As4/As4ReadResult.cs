using System.Diagnostics.CodeAnalysis;
using Caravan.Exchange.As4.Model;

namespace Caravan.Exchange.As4;

/// <summary>
/// A received AS4 message after MIME unpacking and header parsing: the envelope and spooled attachments, or
/// the ebMS errors explaining why it could not be read. Dispose to release attachment temp files.
/// </summary>
public sealed class As4ReadResult : IDisposable
{
    internal As4ReadResult(As4Envelope? envelope, IReadOnlyList<As4Attachment> attachments, IReadOnlyList<EbmsError> errors)
    {
        Envelope = envelope;
        Attachments = attachments;
        Errors = errors;
    }

    public As4Envelope? Envelope { get; }

    public IReadOnlyList<As4Attachment> Attachments { get; }

    /// <summary>Problems found while reading; when non-empty and <see cref="Envelope"/> is null the message is unusable.</summary>
    public IReadOnlyList<EbmsError> Errors { get; }

    [MemberNotNullWhen(true, nameof(Envelope))]
    public bool Succeeded => Envelope is not null && Errors.Count == 0;

    public void Dispose()
    {
        foreach (var attachment in Attachments)
        {
            attachment.Dispose();
        }
    }
}
