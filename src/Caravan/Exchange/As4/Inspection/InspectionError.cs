namespace Caravan.Exchange.As4.Inspection;

/// <summary>A problem found in an inspected message, as an ebMS error code (e.g. EBMS:0101) and a sentence.</summary>
public sealed record InspectionError(string Code, string Text);
