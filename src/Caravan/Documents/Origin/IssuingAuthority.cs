using Caravan.Documents.Common;

namespace Caravan.Documents.Origin;

/// <summary>The government body or chamber that certifies origin.</summary>
public sealed record IssuingAuthority
{
    public string? Name { get; init; }

    public CountryCode? Country { get; init; }
}
