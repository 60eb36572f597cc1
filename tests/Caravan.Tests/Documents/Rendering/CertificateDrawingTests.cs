using Caravan.Documents.Rendering;

namespace Caravan.Tests.Documents.Rendering;

public sealed class CertificateDrawingTests
{
    [Theory]
    [InlineData("CUT FLOWERS AND\n                    ORNAMENTAL FOLIAGE |\n       ", "CUT FLOWERS AND ORNAMENTAL FOLIAGE |")]
    [InlineData("\t Name\r\nStreet 1\u0007", "Name Street 1")]
    [InlineData("10\u00A0KGM", "10\u00A0KGM")]
    [InlineData("   ", "")]
    public void Clean_FoldsWhiteSpaceRunsToOneSpace_AndDropsControlCharacters(string text, string printed)
    {
        Assert.Equal(printed, CertificateDrawing.Clean(text));
    }
}
