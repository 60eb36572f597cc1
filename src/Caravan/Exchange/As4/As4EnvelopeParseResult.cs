using System.Diagnostics.CodeAnalysis;
using Caravan.Exchange.As4.Model;

namespace Caravan.Exchange.As4;

/// <summary>The outcome of parsing a SOAP envelope: the envelope, or the ebMS errors naming what is malformed.</summary>
public sealed record As4EnvelopeParseResult(As4Envelope? Envelope, IReadOnlyList<EbmsError> Errors)
{
    [MemberNotNullWhen(true, nameof(Envelope))]
    public bool Succeeded => Envelope is not null && Errors.Count == 0;

    public static As4EnvelopeParseResult Fail(EbmsErrorCode code, string description) => new(null, [new EbmsError(code, description)]);
}
