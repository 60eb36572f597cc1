namespace Caravan.Documents.Common;

internal static class SpanDigits
{
    public static bool ContainsOnlyAsciiDigits(this ReadOnlySpan<char> text) =>
        !text.ContainsAnyExceptInRange('0', '9');
}
