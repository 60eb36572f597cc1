namespace Caravan.Documents.Hs;

/// <summary>The level of an HS entry; the value is the number of digits in its code.</summary>
public enum HsLevel
{
    Chapter = 2,
    Heading = 4,
    Subheading = 6,
}
