namespace Caravan.Documents.Common;

/// <summary>
/// Why a text could not become a value: a stable machine code (e.g. <c>hs_code.unknown</c>) and a human message.
/// </summary>
public sealed record ValueError(string Code, string Message);
