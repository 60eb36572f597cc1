namespace Caravan.Exchange.As4.Inspection;

/// <summary>The signing certificate of an inspected message and the trust decision about it.</summary>
public sealed record InspectionCertificate(string Subject, string Serial, DateTimeOffset NotBefore, DateTimeOffset NotAfter, bool Trusted, bool ValidAtSigningTime);
