namespace Caravan.Node.Portal;

/// <summary>The antiforgery hidden field (name and request token) to put in a form.</summary>
public sealed record AntiforgeryField(string Name, string Value);
